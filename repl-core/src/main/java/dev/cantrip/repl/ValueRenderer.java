package dev.cantrip.repl;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        append(b, value, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
        return b.toString();
    }

    /**
     * @param open the containers being rendered around this value, so a container that holds
     *     itself is shown as a cycle rather than walked again
     */
    private void append(StringBuilder b, Object v, int depth, Set<Object> open) {
        if (b.length() >= maxChars) {
            return;
        }
        boolean container = v instanceof Collection<?> || v instanceof Map<?, ?> || (v != null && v.getClass().isArray());
        if (container && open.contains(v)) {
            b.append("(this ").append(v.getClass().getSimpleName()).append(')');
            return;
        }
        if (container && depth >= MAX_DEPTH) {
            // Deeper than shown: a placeholder, never the container's own toString() (which would
            // build the whole nested text, however large).
            b.append('(').append(kindOf(v)).append(" of ").append(String.format("%,d", size(v))).append(')');
            return;
        }
        if (container) {
            open.add(v);
        }
        try {
            switch (v) {
                case null -> b.append("null");
                case CharSequence s when v instanceof String -> quoted(b, s);
                case Character c -> b.append('\'').append(escape(c)).append('\'');
                case Number n when v.getClass().getName().startsWith("java.lang.") -> b.append(n);
                case Boolean bool -> b.append(bool);
                case Collection<?> c -> elements(b, c.iterator(), c.size(), depth, open);
                case Map<?, ?> m -> entries(b, m, depth, open);
                default -> {
                    if (v.getClass().isArray()) {
                        array(b, v, depth, open);
                    } else if (v instanceof CharSequence s) {
                        text(b, s);
                    } else {
                        String shown = v.toString();
                        text(b, shown == null ? "null" : shown);
                    }
                }
            }
        } finally {
            if (container) {
                open.remove(v);
            }
        }
    }

    /** A name for a container that does not depend on the JDK's internal classes ("List", not "List12"). */
    private static String kindOf(Object container) {
        return switch (container) {
            case List<?> l -> "List";
            case Set<?> st -> "Set";
            case Map<?, ?> m -> "Map";
            case Collection<?> c -> "Collection";
            default -> container.getClass().getComponentType().getSimpleName() + "[]";
        };
    }

    private static int size(Object container) {
        return switch (container) {
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            default -> Array.getLength(container);
        };
    }

    private void quoted(StringBuilder b, CharSequence s) {
        int room = Math.max(8, maxChars - b.length() - 2);
        b.append('"');
        int shown = 0;
        for (int i = 0; i < s.length() && shown < room; i++, shown++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (paired) {
                b.append(c).append(s.charAt(++i));
                shown++;
            } else if (Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c)); // half a pair: shown as what it is
            } else {
                b.append(escape(c));
            }
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

    private void elements(StringBuilder b, Iterator<?> it, int size, int depth, Set<Object> open) {
        b.append('[');
        int shown = 0;
        while (it.hasNext() && shown < maxElements && b.length() < maxChars) {
            if (shown > 0) {
                b.append(", ");
            }
            append(b, it.next(), depth + 1, open);
            shown++;
        }
        more(b, shown, size);
        b.append(']');
    }

    private void entries(StringBuilder b, Map<?, ?> m, int depth, Set<Object> open) {
        b.append('{');
        int shown = 0;
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        while (it.hasNext() && shown < maxElements && b.length() < maxChars) {
            Map.Entry<?, ?> e = it.next();
            if (shown > 0) {
                b.append(", ");
            }
            append(b, e.getKey(), depth + 1, open);
            b.append('=');
            append(b, e.getValue(), depth + 1, open);
            shown++;
        }
        more(b, shown, m.size());
        b.append('}');
    }

    private void array(StringBuilder b, Object array, int depth, Set<Object> open) {
        int length = Array.getLength(array);
        b.append(array.getClass().getComponentType().getSimpleName()).append('[').append(length).append("] ");
        b.append('{');
        int shown = 0;
        while (shown < length && shown < maxElements && b.length() < maxChars) {
            b.append(shown > 0 ? ", " : " ");
            append(b, Array.get(array, shown), depth + 1, open);
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
            default -> Character.isISOControl(c) || Character.isSurrogate(c)
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        };
    }
}
