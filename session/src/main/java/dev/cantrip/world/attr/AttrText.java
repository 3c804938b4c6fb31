package dev.cantrip.world.attr;

import java.util.Locale;

/**
 * Writes values as text. The storage form and the display form share one grammar and one string
 * escaping; display only adds a space after each ',' and ':' for reading. Sharing them means what
 * users see is exactly what they can type back, and the decoder has one grammar to enforce.
 */
final class AttrText {

    /**
     * The most parts one write visits. Values snippets can make are bounded where they are made
     * ({@link JavaValues#MAX_WEIGHT}; the containers' constructors are denied to snippets), so
     * this cap is a second wall: a value of shared parts that got past the first is refused after
     * this many visits instead of being expanded into text.
     */
    static final long MAX_PARTS = 1 << 20;

    private static final String TOO_MANY = "The value has more than %,d parts (a part it holds more than once counts"
            + " each time), too many to write out.";

    private AttrText() {}

    static String storage(AttrValue value) {
        var out = new StringBuilder();
        write(out, value, false, new WalkCap(MAX_PARTS, TOO_MANY));
        return out.toString();
    }

    static String display(AttrValue value) {
        var out = new StringBuilder();
        write(out, value, true, new WalkCap(MAX_PARTS, TOO_MANY));
        return out.toString();
    }

    private static void write(StringBuilder out, AttrValue value, boolean spaced, WalkCap cap) {
        cap.visit(1);
        switch (value) {
            case AttrValue.Int i -> out.append(i.value());
            // Double.toString always contains '.' or 'E', which is what tells a decimal from an int.
            case AttrValue.Decimal d -> out.append(Double.toString(d.value()));
            case AttrValue.Str s -> writeString(out, s.value());
            case AttrValue.Bool b -> out.append(b.value());
            case AttrValue.Ref r -> out.append('#').append(r.objectId());
            case AttrValue.ListOf list -> {
                out.append('[');
                boolean first = true;
                for (AttrValue item : list.items()) {
                    if (!first) {
                        out.append(spaced ? ", " : ",");
                    }
                    first = false;
                    write(out, item, spaced, cap);
                }
                out.append(']');
            }
            case AttrValue.MapOf map -> {
                out.append('{');
                boolean first = true;
                for (var entry : map.entries().entrySet()) {
                    if (!first) {
                        out.append(spaced ? ", " : ",");
                    }
                    first = false;
                    writeString(out, entry.getKey());
                    out.append(spaced ? ": " : ":");
                    write(out, entry.getValue(), spaced, cap);
                }
                out.append('}');
            }
        }
    }

    /**
     * Writes a double-quoted string. Control characters (C0, DEL, C1) are escaped so stored text
     * stays one clean line and displayed text cannot drive a terminal; unpaired surrogates are
     * escaped because they have no UTF-8 form and would be mangled on the way to the database.
     */
    static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c)) {
                        appendUnicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        appendUnicodeEscape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Where a map entry sits, for messages: {@code value.hp}, or {@code value["odd key"]}. */
    static String childPath(String path, String key) {
        if (AttrLimits.NAME.matcher(key).matches()) {
            return path + "." + key;
        }
        var out = new StringBuilder(path).append('[');
        writeString(out, key);
        return out.append(']').toString();
    }

    private static void appendUnicodeEscape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c).toUpperCase(Locale.ROOT);
        out.repeat('0', 4 - hex.length()).append(hex);
    }
}
