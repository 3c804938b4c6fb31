package dev.cantrip.sandbox.facade;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Regular expressions for snippets: the JDK's own, matching over {@link CheckedChars}, so
 * catastrophic backtracking ({@code "aaaa…b".matches("(.*a){12}")}) is stopped at the run's budget
 * instead of holding the thread for hours. Each method is the JDK method of the same name, with the
 * receiver first.
 */
public final class LimitedRegex {

    private LimitedRegex() {}

    public static boolean matches(String s, String regex) {
        return Pattern.compile(regex).matcher(CheckedChars.of(s)).matches();
    }

    public static String replaceAll(String s, String regex, String replacement) {
        return Pattern.compile(regex).matcher(CheckedChars.of(s)).replaceAll(replacement);
    }

    public static String replaceFirst(String s, String regex, String replacement) {
        return Pattern.compile(regex).matcher(CheckedChars.of(s)).replaceFirst(replacement);
    }

    public static String[] split(String s, String regex) {
        return split(s, regex, 0);
    }

    /** {@code String.split} is documented to be {@code Pattern.compile(regex).split(s, limit)}. */
    public static String[] split(String s, String regex, int limit) {
        return Pattern.compile(regex).split(CheckedChars.of(s), limit);
    }

    public static String[] splitWithDelimiters(String s, String regex, int limit) {
        return Pattern.compile(regex).splitWithDelimiters(CheckedChars.of(s), limit);
    }

    public static Matcher matcher(Pattern p, CharSequence input) {
        return p.matcher(CheckedChars.of(input));
    }

    public static boolean matches(String regex, CharSequence input) {
        return Pattern.compile(regex).matcher(CheckedChars.of(input)).matches();
    }

    public static String[] split(Pattern p, CharSequence input) {
        return p.split(CheckedChars.of(input));
    }

    public static String[] split(Pattern p, CharSequence input, int limit) {
        return p.split(CheckedChars.of(input), limit);
    }

    public static String[] splitWithDelimiters(Pattern p, CharSequence input, int limit) {
        return p.splitWithDelimiters(CheckedChars.of(input), limit);
    }

    public static Stream<String> splitAsStream(Pattern p, CharSequence input) {
        return p.splitAsStream(CheckedChars.of(input));
    }

    public static Matcher reset(Matcher m, CharSequence input) {
        return m.reset(CheckedChars.of(input));
    }
}
