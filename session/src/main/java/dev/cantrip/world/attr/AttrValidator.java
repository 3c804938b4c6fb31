package dev.cantrip.world.attr;

import static java.util.Objects.requireNonNull;

import dev.cantrip.repl.RunCharges;
import java.util.Locale;

/**
 * Decides whether an attribute name or value may be stored. Every refusal is an
 * {@link AttrRejectedException} whose message names the problem, where in the value it is (for
 * example {@code value.tags[3]}), and what to do. Whether a {@link AttrValue.Ref} points at an
 * existing object is not checked here.
 */
public final class AttrValidator {
    private AttrValidator() {}

    /** Refuses a name that does not match {@link AttrLimits#NAME}, saying which character is wrong. */
    public static void validateName(String name) {
        requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new AttrRejectedException("An attribute name cannot be empty.");
        }
        if (name.length() > AttrLimits.MAX_NAME_LENGTH) {
            throw new AttrRejectedException("The attribute name is " + name.length() + " characters long; the limit is "
                    + AttrLimits.MAX_NAME_LENGTH + ". Choose a shorter name.");
        }
        char first = name.charAt(0);
        if (!(isAsciiLetter(first) || first == '_')) {
            throw new AttrRejectedException("An attribute name must start with a letter or '_', not " + show(name, 0) + ".");
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
                throw new AttrRejectedException("The attribute name has " + show(name, i) + " at position " + (i + 1)
                        + "; use only letters, digits, '_', '.' and '-'.");
            }
        }
        // The loop above spells the pattern out to give precise messages; the pattern stays the authority.
        if (!AttrLimits.NAME.matcher(name).matches()) {
            throw new AttrRejectedException("\"" + name + "\" is not a valid attribute name.");
        }
    }

    /** Refuses a value that breaks {@link AttrLimits#DEFAULTS}. */
    public static void validate(AttrValue value) {
        validate(value, AttrLimits.DEFAULTS);
    }

    /** Refuses a value that breaks {@code limits} or holds characters that cannot be stored. */
    public static void validate(AttrValue value, AttrLimits limits) {
        encodedSize(requireNonNull(value, "value"), requireNonNull(limits, "limits"));
    }

    /**
     * Checks the value and returns the UTF-8 length of its storage text, computed while walking so
     * that an oversized value is refused as soon as it passes the limit, without building its text
     * (a value of 10,000 lists of 10,000 items is within the per-container limits).
     */
    static long encodedSize(AttrValue value, AttrLimits limits) {
        var walk = new Walk(limits);
        walk.visit(value, "value", 0);
        return walk.size;
    }

    private static final class Walk {
        private final AttrLimits limits;
        private long size;
        private int sinceCheck;

        Walk(AttrLimits limits) {
            this.limits = limits;
        }

        void visit(AttrValue value, String path, int depth) {
            // Each part adds at least a byte to the size, so the size limit bounds the visits; the
            // run this walk works for (if any) still heeds its stop and its time slice as it goes.
            if (++sinceCheck >= 256) {
                sinceCheck = 0;
                RunCharges.visits(256);
            }
            switch (value) {
                case AttrValue.Str s -> {
                    checkString(s.value(), "The string at " + path);
                    add(quotedSize(s.value()));
                }
                case AttrValue.Decimal d -> {
                    // The record already refuses these; checked again because this is the last door.
                    if (!Double.isFinite(d.value())) {
                        throw new AttrRejectedException("The decimal at " + path + " is not a finite number.");
                    }
                    add(AttrText.storage(d).length());
                }
                // These render as ASCII, so characters are bytes.
                case AttrValue.Int i -> add(AttrText.storage(i).length());
                case AttrValue.Bool b -> add(AttrText.storage(b).length());
                case AttrValue.Ref r -> add(AttrText.storage(r).length());
                case AttrValue.ListOf list -> {
                    enter(path, depth, list.items().size(), "list", "items");
                    add(2 + Math.max(0, list.items().size() - 1)); // brackets and commas
                    int i = 0;
                    for (AttrValue item : list.items()) {
                        visit(item, path + "[" + i++ + "]", depth + 1);
                    }
                }
                case AttrValue.MapOf map -> {
                    int n = map.entries().size();
                    enter(path, depth, n, "map", "entries");
                    add(2 + n + Math.max(0, n - 1)); // braces, colons and commas
                    for (var entry : map.entries().entrySet()) {
                        String key = entry.getKey();
                        String keyPath = AttrText.childPath(path, key);
                        checkString(key, "The key of " + keyPath);
                        add(quotedSize(key));
                        visit(entry.getValue(), keyPath, depth + 1);
                    }
                }
            }
        }

        private void enter(String path, int depth, int count, String kind, String things) {
            if (depth + 1 > limits.maxDepth()) {
                throw new AttrRejectedException("The " + kind + " at " + path + " is nested " + (depth + 1)
                        + " levels deep; the limit is " + limits.maxDepth() + ". Flatten the value.");
            }
            if (count > limits.maxEntries()) {
                throw new AttrRejectedException("The " + kind + " at " + path + " has " + count + " " + things
                        + "; the limit is " + limits.maxEntries() + ". Split it across several attributes.");
            }
        }

        private void checkString(String s, String what) {
            if (s.length() > limits.maxStringLength()) {
                throw new AttrRejectedException(what + " is " + s.length() + " characters long; the limit is "
                        + limits.maxStringLength() + ". Shorten it or split it across several attributes.");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\0') {
                    throw new AttrRejectedException(what + " contains a NUL character at position " + (i + 1)
                            + ", which cannot be stored; remove it.");
                }
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new AttrRejectedException(what + " contains an unpaired surrogate (U+"
                            + String.format(Locale.ROOT, "%04X", (int) c) + ") at position " + (i + 1)
                            + ", which cannot be stored as UTF-8; it is usually half of a broken emoji, so retype that part.");
                }
            }
        }

        private void add(long bytes) {
            size += bytes;
            if (size > limits.maxEncodedBytes()) {
                throw new AttrRejectedException("The value is too large to store: over " + limits.maxEncodedBytes()
                        + " bytes when encoded. Store less, or split it across several attributes.");
            }
        }
    }

    /** UTF-8 bytes of the string as {@link AttrText#writeString} writes it; must stay in step with it. */
    static long quotedSize(String s) {
        long bytes = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r') {
                bytes += 2;
            } else if (Character.isISOControl(c)) {
                bytes += 6;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 6;
            } else {
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
        }
        return bytes;
    }

    private static String show(String name, int i) {
        char c = name.charAt(i);
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSurrogate(c)
                ? String.format(Locale.ROOT, "U+%04X", (int) c)
                : "'" + c + "'";
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
