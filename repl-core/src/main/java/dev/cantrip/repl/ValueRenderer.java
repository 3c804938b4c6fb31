package dev.cantrip.repl;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Renders a value for a user, within limits: long text is cut with a note, and collections, maps
 * and arrays show their first elements and how many more there are ({@code ... 9,950 more}).
 * Collections are walked, never turned into one huge string first. Runs as part of the snippet's
 * run, so a value whose {@code toString()} loops is stopped like the snippet.
 */
final class ValueRenderer {

    private static final int MAX_DEPTH = 4;

    private final int maxChars;
    private final int maxElements;

    ValueRenderer(EngineConfig.OutputLimits limits) {
        this.maxChars = limits.maxValueChars();
        this.maxElements = limits.maxElements();
    }

    String render(Object value) {
        StringBuilder b = new StringBuilder();
        append(b, value, 0);
        return b.toString();
    }

    private void append(StringBuilder b, Object v, int depth) {
        if (b.length() >= maxChars) {
            return;
        }
        switch (v) {
            case null -> b.append("null");
            case CharSequence s when v instanceof String -> quoted(b, s);
            case Character c -> b.append('\'').append(escape(c)).append('\'');
            case Number n when v.getClass().getName().startsWith("java.lang.") -> b.append(n);
            case Boolean bool -> b.append(bool);
            case Collection<?> c when depth < MAX_DEPTH -> elements(b, "[", c.iterator(), c.size(), "]", depth);
            case Map<?, ?> m when depth < MAX_DEPTH -> entries(b, m, depth);
            default -> {
                if (v.getClass().isArray() && depth < MAX_DEPTH) {
                    array(b, v, depth);
                } else if (v instanceof CharSequence s) {
                    text(b, s);
                } else {
                    text(b, String.valueOf(v));
                }
            }
        }
    }

    private void quoted(StringBuilder b, CharSequence s) {
        int room = Math.max(8, maxChars - b.length() - 2);
        b.append('"');
        int shown = 0;
        for (int i = 0; i < s.length() && shown < room; i++, shown++) {
            b.append(escape(s.charAt(i)));
        }
        b.append('"');
        if (shown < s.length()) {
            b.append(" ... ").append(String.format("%,d", s.length() - shown)).append(" more chars");
        }
    }

    private void text(StringBuilder b, CharSequence s) {
        int room = Math.max(8, maxChars - b.length());
        if (s.length() <= room) {
            b.append(s);
        } else {
            b.append(s, 0, room).append(" ... ").append(String.format("%,d", s.length() - room)).append(" more chars");
        }
    }

    private void elements(StringBuilder b, String open, Iterator<?> it, int size, String close, int depth) {
        b.append(open);
        int shown = 0;
        while (it.hasNext() && shown < maxElements && b.length() < maxChars) {
            if (shown > 0) {
                b.append(", ");
            }
            append(b, it.next(), depth + 1);
            shown++;
        }
        more(b, shown, size);
        b.append(close);
    }

    private void entries(StringBuilder b, Map<?, ?> m, int depth) {
        b.append('{');
        int shown = 0;
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext() && shown < maxElements && b.length() < maxChars) {
            Map.Entry<?, ?> e = it.next();
            if (shown > 0) {
                b.append(", ");
            }
            append(b, e.getKey(), depth + 1);
            b.append('=');
            append(b, e.getValue(), depth + 1);
            shown++;
        }
        more(b, shown, m.size());
        b.append('}');
    }

    private void array(StringBuilder b, Object array, int depth) {
        int length = Array.getLength(array);
        b.append(array.getClass().getComponentType().getSimpleName()).append('[').append(length).append("] ");
        b.append('{');
        int shown = 0;
        while (shown < length && shown < maxElements && b.length() < maxChars) {
            b.append(shown > 0 ? ", " : " ");
            append(b, Array.get(array, shown), depth + 1);
            shown++;
        }
        more(b, shown, length);
        b.append(shown > 0 ? " }" : "}");
    }

    private static void more(StringBuilder b, int shown, int size) {
        if (size > shown) {
            b.append(shown > 0 ? ", ... " : "... ").append(String.format("%,d", size - shown)).append(" more");
        }
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            default -> Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        };
    }
}
