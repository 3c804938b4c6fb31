package dev.cantrip.sandbox;

import dev.cantrip.repl.RunCharges;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code inspect(obj)} for snippets: the fields and values of a live object, read on the host side
 * (snippets have no reflection), to a bounded depth, number of elements and length. Fields whose
 * names look like secrets (passwords, hashes, tokens, keys) are shown as hidden. Objects of classes
 * whose module does not open them to the server (most of the JDK) are described by their type and
 * size instead of their private fields.
 *
 * <pre>
 * GameObject (dev.cantrip.world.GameObject)
 *   id = 4
 *   key = "Garden"
 *   attributes = HashMap, 2 entries
 *     "color" = Str[value=red]
 * </pre>
 */
public final class Inspector {

    // Field names that look like secrets: apiKey, passwordHash, secretToken ("key" alone is a name).
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|passphrase|secret|token|hash|salt"
            + "|credential|auth).*|.+key|.*key.+|pass|pw|pwd|pin");

    /** The most objects one dump visits, whatever the limits (each level multiplies by the elements shown). */
    private static final int MAX_VISITS = 10_000;

    private final int maxDepth;
    private final int maxElements;
    private final int maxChars;
    private final View view;

    /**
     * What a caller may see of the objects a walk reaches: by default everything the server can
     * read. A game shows host objects to less trusted callers as a line, not as their fields.
     */
    public interface View {
        /** Everything. */
        View ALL = v -> null;

        /** A line to show instead of {@code v} and its fields, or null to show them. */
        String summary(Object v);

        /** Whether fields declared by {@code declaring} are shown (a snippet class's inherited ones too). */
        default boolean showsFieldsOf(Class<?> declaring) {
            return true;
        }
    }

    /**
     * @param maxDepth levels of fields shown below the object
     * @param maxElements fields, elements or entries shown per object before "... N more"
     * @param maxChars characters of the whole text
     */
    public Inspector(int maxDepth, int maxElements, int maxChars) {
        this(maxDepth, maxElements, maxChars, View.ALL);
    }

    private Inspector(int maxDepth, int maxElements, int maxChars, View view) {
        if (maxDepth < 0 || maxElements < 1 || maxChars < 80) {
            throw new IllegalArgumentException("limits too small: depth " + maxDepth + ", elements " + maxElements
                    + ", characters " + maxChars);
        }
        this.maxDepth = maxDepth;
        this.maxElements = maxElements;
        this.maxChars = maxChars;
        this.view = Objects.requireNonNull(view, "view");
    }

    /** The same limits, showing only what {@code v} lets through. */
    public Inspector withView(View v) {
        return new Inspector(maxDepth, maxElements, maxChars, v);
    }

    /** Depth 2, 20 elements, 4,000 characters. */
    public static Inspector standard() {
        return new Inspector(2, 20, 4_000);
    }

    /** The readable dump of {@code value}. */
    public String inspect(Object value) {
        StringBuilder out = new StringBuilder();
        Walk walk = new Walk(out);
        walk.object(value, 0, new IdentityHashMap<>());
        if (out.length() > maxChars) {
            out.setLength(maxChars);
            out.append("\n... (cut at ").append(String.format(Locale.ROOT, "%,d", maxChars)).append(" characters)");
        }
        return out.toString();
    }

    private final class Walk {
        private final StringBuilder out;
        private int visits;

        Walk(StringBuilder out) {
            this.out = out;
        }

        void object(Object v, int depth, Map<Object, Boolean> seen) {
            // Heeds the run's stop and ends its time slice, as the snippet's own checks would; the
            // depth, element and character limits (and showing a shared object once) bound the walk.
            RunCharges.visits(1);
            if (out.length() > maxChars || ++visits > MAX_VISITS) {
                return;
            }
            if (v == null || simple(v)) {
                out.append(scalar(v));
                return;
            }
            String summary = view.summary(v);
            if (summary != null) {
                out.append(summary);
                return;
            }
            Class<?> c = v.getClass();
            if (seen.containsKey(v)) {
                out.append("(").append(name(c)).append(", shown above)");
                return;
            }
            seen.put(v, true);
            if (c.isArray()) {
                int n = Array.getLength(v);
                out.append(name(c.getComponentType())).append("[").append(n).append("]");
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < Math.min(n, maxElements); i++) {
                    items.add(Array.get(v, i));
                }
                children(items, null, n, depth, seen);
            } else if (v instanceof Collection<?> col) {
                out.append(name(c)).append(", ").append(count(Math.max(0, col.size()), "element"));
                List<Object> items = new ArrayList<>();
                for (Object o : col) {
                    if (items.size() >= maxElements) {
                        break;
                    }
                    items.add(o);
                }
                children(items, null, Math.max(items.size(), col.size()), depth, seen);
            } else if (v instanceof Map<?, ?> map) {
                out.append(name(c)).append(", ").append(count(Math.max(0, map.size()), "entry"));
                List<Object> values = new ArrayList<>();
                List<String> keys = new ArrayList<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (values.size() >= maxElements) {
                        break;
                    }
                    keys.add(scalarOrType(e.getKey()));
                    values.add(e.getValue());
                }
                children(values, keys, Math.max(values.size(), map.size()), depth, seen);
            } else {
                out.append(name(c)).append(" (").append(c.getName()).append(")");
                if (c.getModule().isNamed() && !c.getModule().isOpen(c.getPackageName(), Inspector.class.getModule())) {
                    out.append(", fields not readable (").append(c.getModule().getName()).append(" does not open ")
                            .append(c.getPackageName()).append(")");
                    return;
                }
                fields(v, c, depth, seen);
            }
        }

        private void fields(Object v, Class<?> c, int depth, Map<Object, Boolean> seen) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                if (!view.showsFieldsOf(k)) {
                    continue;
                }
                for (Field f : k.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        fields.add(f);
                    }
                }
            }
            if (depth >= maxDepth) {
                if (!fields.isEmpty()) {
                    out.append(", ").append(count(fields.size(), "field"));
                }
                return;
            }
            int shown = 0;
            for (Field f : fields) {
                if (shown++ >= maxElements) {
                    line(depth + 1).append("... ").append(fields.size() - maxElements).append(" more fields");
                    break;
                }
                line(depth + 1).append(f.getName()).append(" = ");
                if (SECRET.matcher(f.getName()).matches()) {
                    out.append("(hidden)");
                    continue;
                }
                try {
                    f.setAccessible(true);
                    object(f.get(v), depth + 1, seen);
                } catch (InaccessibleObjectException | IllegalAccessException e) {
                    Class<?> declaring = f.getDeclaringClass();
                    out.append("(not readable: ").append(declaring.getModule().isNamed() ? declaring.getModule().getName()
                            : declaring.getName()).append(" does not open ").append(declaring.getPackageName()).append(")");
                }
            }
        }

        private void children(List<Object> items, List<String> keys, int total, int depth, Map<Object, Boolean> seen) {
            if (depth >= maxDepth) {
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                String key = keys == null ? "[" + i + "]" : keys.get(i);
                line(depth + 1).append(key).append(" = ");
                if (keys != null && SECRET.matcher(key.replace("\"", "")).matches()) {
                    out.append("(hidden)"); // a password kept in a map of settings
                    continue;
                }
                object(items.get(i), depth + 1, seen);
            }
            if (total > items.size()) {
                line(depth + 1).append("... ").append(String.format(Locale.ROOT, "%,d", total - items.size())).append(" more");
            }
        }

        private StringBuilder line(int depth) {
            return out.append('\n').append("  ".repeat(depth));
        }
    }

    private static boolean simple(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof Enum<?> || v instanceof Class<?>;
    }

    private String scalar(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            String cut = s.length() > 200 ? s.substring(0, 200) + "..." : s;
            return '"' + cut.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\u001b", "\\u001b")
                    + '"';
        }
        if (v instanceof Character ch) {
            return "'" + ch + "'";
        }
        if (v instanceof Class<?> k) {
            return k.getName() + ".class";
        }
        // Numbers, booleans, enum constants: their own text (a snippet's subclass writes its own),
        // cut and with control characters shown, as for strings.
        String text = String.valueOf(v);
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return cut.codePoints().mapToObj(cp -> Character.isISOControl(cp) ? String.format("\\u%04x", cp)
                : Character.toString(cp)).collect(java.util.stream.Collectors.joining());
    }

    /** A class's simple name, or its full name when it has none (anonymous classes). */
    private static String name(Class<?> c) {
        return c.getSimpleName().isEmpty() ? c.getName() : c.getSimpleName();
    }

    private String scalarOrType(Object key) {
        return key == null || simple(key) ? scalar(key) : Objects.requireNonNull(key.getClass().getSimpleName());
    }

    private static String count(int n, String what) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? what : what.equals("entry") ? "entries" : what + "s");
    }
}
