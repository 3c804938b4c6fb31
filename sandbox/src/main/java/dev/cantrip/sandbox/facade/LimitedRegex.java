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

    /** Counted repetitions ({@code x{n}}, {@code x{n,m}}) may multiply to at most this many steps. */
    public static final long MAX_REPETITION = 100_000;

    /**
     * Orderings of combining marks {@code CANON_EQ} may make the JDK build (about 10 µs each): a
     * letter with 7 marks makes 5,040; with 11, 39,916,800.
     */
    public static final long MAX_CANONICAL_ORDERINGS = 10_000;

    private static final Pattern COUNTED = Pattern.compile("(?<!\\\\)\\{(\\d+)(?:,(\\d*))?}");

    private LimitedRegex() {}

    /**
     * {@code Pattern.compile}, refusing counted repetitions that multiply past
     * {@value #MAX_REPETITION}: {@code (?:(?=){100000}){100000}} reads no input, so no budget check
     * would ever see it work.
     */
    public static Pattern compile(String regex) {
        return Pattern.compile(checkRepetition(regex));
    }

    /**
     * {@code Pattern.compile} with flags: as {@link #compile(String)}, and with {@code CANON_EQ}
     * (without {@code LITERAL}) refusing combining-mark runs whose orderings the JDK would build
     * past {@value #MAX_CANONICAL_ORDERINGS} ({@link CanonicalOrderings}); the inline flag
     * {@code (?c)} only changes how later character classes match, and builds no orderings.
     */
    public static Pattern compile(String regex, int flags) {
        checkRepetition(regex);
        if (regex != null && (flags & Pattern.CANON_EQ) != 0 && (flags & Pattern.LITERAL) == 0) {
            CanonicalOrderings.Count c = CanonicalOrderings.count(regex, MAX_CANONICAL_ORDERINGS);
            if (c.orderings() > MAX_CANONICAL_ORDERINGS) {
                throw new IllegalArgumentException("the regular expression's combining marks (" + c.longestRun()
                        + " on one letter) would make CANON_EQ build over " + String.format(java.util.Locale.ROOT, "%,d",
                        MAX_CANONICAL_ORDERINGS) + " orderings of them, too many for a snippet: use fewer marks or no CANON_EQ");
            }
        }
        return Pattern.compile(regex, flags);
    }

    private static String checkRepetition(String regex) {
        if (regex == null) {
            return null;
        }
        double product = 1;
        java.util.regex.Matcher m = COUNTED.matcher(regex);
        while (m.find()) {
            String upper = m.group(2);
            String count = upper == null ? m.group(1) : upper.isEmpty() ? m.group(1) : upper;
            product *= Math.max(1, Double.parseDouble(count));
            if (product > MAX_REPETITION) {
                throw new IllegalArgumentException("the regular expression's counted repetitions ({n}) multiply to more"
                        + " than " + String.format(java.util.Locale.ROOT, "%,d", MAX_REPETITION) + ", too many for a snippet");
            }
        }
        return regex;
    }

    public static boolean matches(String s, String regex) {
        return compile(regex).matcher(CheckedChars.of(s)).matches();
    }

    public static String replaceAll(String s, String regex, String replacement) {
        return compile(regex).matcher(CheckedChars.of(s)).replaceAll(replacement);
    }

    public static String replaceFirst(String s, String regex, String replacement) {
        return compile(regex).matcher(CheckedChars.of(s)).replaceFirst(replacement);
    }

    public static String[] split(String s, String regex) {
        return split(s, regex, 0);
    }

    /** {@code String.split} is documented to be {@code Pattern.compile(regex).split(s, limit)}. */
    public static String[] split(String s, String regex, int limit) {
        return compile(regex).split(CheckedChars.of(s), limit);
    }

    public static String[] splitWithDelimiters(String s, String regex, int limit) {
        return compile(regex).splitWithDelimiters(CheckedChars.of(s), limit);
    }

    public static Matcher matcher(Pattern p, CharSequence input) {
        return p.matcher(CheckedChars.of(input));
    }

    public static boolean matches(String regex, CharSequence input) {
        return compile(regex).matcher(CheckedChars.of(input)).matches();
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
