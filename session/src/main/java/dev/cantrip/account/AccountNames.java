package dev.cantrip.account;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for new account names and passwords. Each check answers a message fit to show the
 * person choosing, or empty when the choice is acceptable.
 */
public final class AccountNames {
    /** Shortest and longest account name. */
    public static final int MIN_NAME = 3, MAX_NAME = 20;

    /** Shortest and longest password, in characters (code points). */
    public static final int MIN_PASSWORD = 8, MAX_PASSWORD = 128;

    /**
     * Words the login screen reads as commands, so an account named after one could not be told
     * apart from the command. Other words, "admin" included, are ordinary names.
     */
    private static final Set<String> RESERVED = Set.of("connect", "create", "quit", "help", "look", "here", "me", "self");

    private AccountNames() {}

    /**
     * What is wrong with {@code name} as a new account name: it must be 3 to 20 characters of ASCII
     * letters, digits and '_', start with a letter, and not be a login-screen command word.
     * ASCII only, so names cannot impersonate each other with look-alike letters.
     */
    public static Optional<String> problem(String name) {
        requireNonNull(name, "name");
        if (name.length() < MIN_NAME || name.length() > MAX_NAME) {
            return Optional.of("A name must be " + MIN_NAME + " to " + MAX_NAME + " characters long.");
        }
        if (!isAsciiLetter(name.charAt(0))) {
            return Optional.of("A name must start with a letter (A to Z).");
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
                return Optional.of("A name may contain only letters (A to Z), digits and '_'.");
            }
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("\"" + name + "\" is a command on the login screen, so it cannot be a name. Choose another.");
        }
        return Optional.empty();
    }

    /**
     * What is wrong with {@code password} for the account {@code name}: it must be 8 to 128
     * characters, differ from the name (ignoring case), not start or end with whitespace (easily
     * lost when typed or pasted) and hold no control characters (which terminals swallow or alter).
     */
    public static Optional<String> passwordProblem(String password, String name) {
        requireNonNull(password, "password");
        requireNonNull(name, "name");
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD) {
            return Optional.of("A password must be at least " + MIN_PASSWORD + " characters long.");
        }
        if (length > MAX_PASSWORD) {
            return Optional.of("A password may be at most " + MAX_PASSWORD + " characters long.");
        }
        if (password.equalsIgnoreCase(name)) {
            return Optional.of("A password must not be the same as the name.");
        }
        if (isSpace(password.codePointAt(0)) || isSpace(password.codePointBefore(password.length()))) {
            return Optional.of("A password must not start or end with a space.");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("A password must not contain control characters.");
        }
        return Optional.empty();
    }

    /** Includes no-break spaces, which isWhitespace alone would let through. */
    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
