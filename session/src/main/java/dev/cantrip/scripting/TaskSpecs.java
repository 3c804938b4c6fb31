package dev.cantrip.scripting;

import dev.cantrip.repl.LambdaSource;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.World;
import dev.cantrip.world.attr.AttrCodec;
import dev.cantrip.world.attr.AttrRejectedException;
import dev.cantrip.world.attr.AttrValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A persistent snippet task as stored: the callback's source (as typed), its functional type, the
 * values of its arguments, of what it captured and of the session variables it reads, and the
 * session's declarations; written in the attribute codec's text form. And how it is compiled again
 * after a restart.
 *
 * <p>Values keep their declared type beside them: numbers, strings, characters, booleans, game
 * objects (by id), enums of the JDK or the game, and lists, sets and maps of those. Anything else is
 * refused when the task is made persistent, naming the value and its type.
 */
final class TaskSpecs {

    private static final int VERSION = 1;
    private static final String KEEPABLE = "int, long, double and the other primitive numbers (boxed or not), strings,"
            + " characters, booleans, game objects, enums, and lists, sets and maps of those";

    /** The most values one kept value may hold: what a stored attribute may (one byte each, at least). */
    private static final long MAX_VISITS = dev.cantrip.world.attr.AttrLimits.DEFAULTS.maxEncodedBytes();

    private TaskSpecs() {}

    /** A value with the type it is declared as ({@code int}, {@code dev.cantrip.world.GameObject}). */
    record Typed(String name, String type, AttrValue value, String enumConstant) {}

    /** A stored task, read back. */
    record Spec(String source, String code, String functionalInterface, List<Typed> args, List<Typed> captured,
                List<Typed> variables, List<String> declarations) {}

    /**
     * The stored form of a task whose callback is {@code lambda} and arguments {@code args}.
     *
     * @throws IllegalArgumentException naming what cannot be kept
     */
    static String encode(String source, LambdaSource lambda, List<Object> args) {
        Map<String, AttrValue> m = new LinkedHashMap<>();
        m.put("version", new AttrValue.Int(VERSION));
        m.put("source", new AttrValue.Str(source));
        m.put("code", new AttrValue.Str(lambda.code()));
        m.put("iface", new AttrValue.Str(lambda.functionalInterface()));
        List<AttrValue> a = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            a.add(value("argument " + (i + 1), "a" + i, null, args.get(i)));
        }
        m.put("args", new AttrValue.ListOf(a));
        m.put("captured", named(lambda.captured(), "the value it captured as "));
        m.put("variables", named(lambda.variables(), "the session variable "));
        m.put("declarations", new AttrValue.ListOf(lambda.declarations().stream().map(d -> (AttrValue) new AttrValue.Str(d))
                .toList()));
        return AttrCodec.encode(new AttrValue.MapOf(m));
    }

    private static AttrValue named(List<LambdaSource.Value> values, String what) {
        List<AttrValue> out = new ArrayList<>();
        for (LambdaSource.Value v : values) {
            out.add(value(what + v.name(), v.name(), v.type(), v.value()));
        }
        return new AttrValue.ListOf(out);
    }

    private static AttrValue value(String what, String name, String declared, Object v) {
        Map<String, AttrValue> m = new LinkedHashMap<>();
        m.put("name", new AttrValue.Str(name));
        m.put("type", new AttrValue.Str(declared != null ? declared : typeOf(v)));
        if (v == null) {
            return new AttrValue.MapOf(m);
        }
        if (v instanceof Enum<?> e && isHostClass(e.getDeclaringClass())) {
            m.put("enum", new AttrValue.Str(e.name()));
            return new AttrValue.MapOf(m);
        }
        if (!isHostClass(v.getClass())) {
            throw refused(what, v);
        }
        notFinite(what, v);
        if (v instanceof java.util.Collection<?> || v instanceof Map<?, ?>) {
            checkElements(what, v, 0, new long[1]);
        }
        try {
            m.put("value", AttrValue.fromJava(v, o -> o instanceof GameObject g ? OptionalLong.of(g.id()) : OptionalLong.empty()));
        } catch (AttrRejectedException e) {
            throw refused(what, v);
        }
        return new AttrValue.MapOf(m);
    }

    /**
     * Inside lists, sets and maps a number is kept as a long or a double: an Integer, Short, Byte,
     * Float or Character there would come back as another type (and a set of 1 and 2 would no longer
     * contain the int 2), so they are refused rather than changed; so are map keys that are not
     * strings.
     */
    private static void checkElements(String what, Object v, int depth, long[] visits) {
        if (depth > 16) {
            return; // the codec refuses deeper nesting itself
        }
        java.util.Collection<?> items = v instanceof Map<?, ?> m ? m.values() : (java.util.Collection<?>) v;
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException(what + " is a map with a " + (k == null ? "null" : k.getClass().getName())
                            + " key; only maps with String keys can be kept with a persistent task");
                }
            }
        }
        for (Object item : items) {
            // Every visit counts, so a value holding one list many times over cannot multiply the walk.
            if (++visits[0] > MAX_VISITS) {
                throw new IllegalArgumentException(what + String.format(Locale.ROOT, " holds more than %,d values"
                        + " (one held more than once counts each time); only smaller values can be kept with a"
                        + " persistent task", MAX_VISITS));
            }
            if ((visits[0] & 255) == 0) {
                dev.cantrip.repl.RunCharges.visits(256);
            }
            if (item instanceof Integer || item instanceof Short || item instanceof Byte || item instanceof Float
                    || item instanceof Character) {
                throw new IllegalArgumentException(what + " holds a " + item.getClass().getName() + ", which would come"
                        + " back as a " + (item instanceof Float ? "Double" : item instanceof Character ? "String" : "Long")
                        + " inside a list, set or map; use that type for the elements to keep it with a persistent task");
            }
            notFinite(what + " holds a number that", item);
            if (item instanceof java.util.Collection<?> || item instanceof Map<?, ?>) {
                checkElements(what, item, depth + 1, visits);
            }
        }
    }

    /** NaN and the infinities are numbers the store does not keep. */
    private static void notFinite(String what, Object v) {
        if ((v instanceof Double d && !Double.isFinite(d)) || (v instanceof Float f && !Float.isFinite(f))) {
            throw new IllegalArgumentException(what + " is " + v + "; only finite numbers can be kept with a persistent task");
        }
    }

    private static IllegalArgumentException refused(String what, Object v) {
        // A class a snippet declared is named as the user wrote it, not as JShell wraps it.
        String type = v.getClass().getName().replaceFirst("^REPL\\.\\$JShell\\$\\d+\\$", "").replace('$', '.');
        String hint = v instanceof Number ? "; convert it first, for example with doubleValue() or toString()" : "";
        return new IllegalArgumentException(what + " is a " + type + ", which cannot be kept with a persistent task"
                + " (keep " + KEEPABLE + ")" + hint);
    }

    /** Whether a class comes with the JDK or the game (a snippet's own classes do not survive a restart). */
    private static boolean isHostClass(Class<?> c) {
        ClassLoader l = c.getClassLoader();
        return l == null || l == TaskSpecs.class.getClassLoader() || l == ClassLoader.getPlatformClassLoader();
    }

    /** The type a value's argument is declared as when the callback is compiled again. */
    static String typeOf(Object v) {
        return switch (v) {
            case null -> "Object";
            case GameObject g -> GameObject.class.getName();
            case java.util.List<?> l -> "java.util.List<" + elementType(l) + ">";
            case java.util.Set<?> s -> "java.util.Set<" + elementType(s) + ">";
            case java.util.Map<?, ?> m -> "java.util.Map<String, " + elementType(m.values()) + ">";
            case Enum<?> e -> e.getDeclaringClass().getCanonicalName();
            default -> v.getClass().getPackageName().equals("java.lang") ? v.getClass().getSimpleName()
                    : v.getClass().getCanonicalName();
        };
    }

    /**
     * The element type a collection is rebuilt with: the one type all its elements have (String,
     * Long, Double, Boolean, GameObject), else Object. The compiler saw a {@code List<String>} where
     * the snippet made {@code List.of("a")}; the rebuilt callback must see one too.
     */
    private static String elementType(java.util.Collection<?> items) {
        String common = null;
        for (Object item : items) {
            String t = switch (item) {
                case String x -> "String";
                case Long x -> "Long";
                case Double x -> "Double";
                case Boolean x -> "Boolean";
                case GameObject x -> GameObject.class.getName();
                case null, default -> "Object";
            };
            if (common != null && !common.equals(t)) {
                return "Object";
            }
            common = t;
        }
        return common == null ? "Object" : common;
    }

    /**
     * Reads a stored task back.
     *
     * @throws IllegalArgumentException if it is not in a form this server knows
     */
    static Spec decode(String text) {
        if (!(AttrCodec.decode(text) instanceof AttrValue.MapOf m)) {
            throw new IllegalArgumentException("the stored task is not in a form this server knows");
        }
        long version = m.entries().get("version") instanceof AttrValue.Int v ? v.value() : -1;
        if (version != VERSION) {
            throw new IllegalArgumentException("the stored task is in form " + version + "; this server knows " + VERSION);
        }
        return new Spec(str(m, "source"), str(m, "code"), str(m, "iface"), typed(m, "args"), typed(m, "captured"),
                typed(m, "variables"), ((AttrValue.ListOf) m.entries().get("declarations")).items().stream()
                        .map(d -> ((AttrValue.Str) d).value()).toList());
    }

    private static String str(AttrValue.MapOf m, String key) {
        return ((AttrValue.Str) Objects.requireNonNull(m.entries().get(key), key)).value();
    }

    private static List<Typed> typed(AttrValue.MapOf m, String key) {
        List<Typed> out = new ArrayList<>();
        for (AttrValue item : ((AttrValue.ListOf) m.entries().get(key)).items()) {
            AttrValue.MapOf v = (AttrValue.MapOf) item;
            out.add(new Typed(str(v, "name"), str(v, "type"), v.entries().get("value"),
                    v.entries().get("enum") instanceof AttrValue.Str e ? e.value() : null));
        }
        return out;
    }

    /** A game object a stored value names no longer exists. */
    static final class MissingObject extends Exception {
        private static final long serialVersionUID = 1L;

        MissingObject(String message) {
            super(message, null, false, false);
        }
    }

    /** The live value of {@code t}: game objects found in {@code world}, numbers as declared. */
    static Object live(Typed t, World world, String what) throws MissingObject {
        if (t.enumConstant() != null) {
            try {
                @SuppressWarnings({"unchecked", "rawtypes"})
                Object e = Enum.valueOf((Class) Class.forName(t.type(), false, TaskSpecs.class.getClassLoader()),
                        t.enumConstant());
                return e;
            } catch (ClassNotFoundException | IllegalArgumentException e) {
                throw new MissingObject(what + " was " + t.type() + "." + t.enumConstant() + ", which no longer exists");
            }
        }
        if (t.value() == null) {
            return null;
        }
        String type = t.type();
        return switch (t.value()) {
            case AttrValue.Int i -> switch (type) {
                case "int", "Integer" -> (int) i.value();
                case "short", "Short" -> (short) i.value();
                case "byte", "Byte" -> (byte) i.value();
                case "double", "Double" -> (double) i.value();
                case "float", "Float" -> (float) i.value();
                default -> i.value();
            };
            case AttrValue.Decimal d -> {
                // Not a conditional expression: its float and double arms would make the float a double again.
                if (type.equals("float") || type.equals("Float")) {
                    yield (Object) (float) d.value();
                }
                yield (Object) d.value();
            }
            case AttrValue.Str s -> type.equals("char") || type.equals("Character") ? s.value().charAt(0) : s.value();
            default -> generic(t.value(), world, what, type.startsWith("java.util.Set") || type.startsWith("Set"));
        };
    }

    private static Object generic(AttrValue v, World world, String what, boolean asSet) throws MissingObject {
        switch (v) {
            case AttrValue.Int i:
                return i.value();
            case AttrValue.Decimal d:
                return d.value();
            case AttrValue.Str s:
                return s.value();
            case AttrValue.Bool b:
                return b.value();
            case AttrValue.Ref r: {
                var o = world.find(r.objectId());
                if (o.isEmpty()) {
                    throw new MissingObject(what + " was #" + r.objectId() + ", which no longer exists");
                }
                return o.get();
            }
            case AttrValue.ListOf l: {
                java.util.Collection<Object> out = asSet ? new LinkedHashSet<>() : new ArrayList<>();
                for (AttrValue item : l.items()) {
                    out.add(generic(item, world, what, false));
                }
                return out;
            }
            case AttrValue.MapOf m: {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<String, AttrValue> e : m.entries().entrySet()) {
                    out.put(e.getKey(), generic(e.getValue(), world, what, false));
                }
                return out;
            }
        }
    }

    private static final String KEPT = "dev.cantrip.scripting.SnippetFunctions.restored";
    private static final String REBUILT = "dev.cantrip.scripting.SnippetFunctions.rebuilt";

    /**
     * The input that compiles {@code spec}'s callback again in a fresh JShell and hands it to the
     * host: the declarations it may use, its session variables, then a method that takes its
     * captured values and returns the callback as typed, called with them.
     */
    static String rebuildInput(long id, Spec spec) {
        return rebuildInput(id, spec, spec.declarations());
    }

    /**
     * {@link #rebuildInput(long, Spec)} with only {@code declarations} of the task's (the others are
     * in the rebuild JShell already: an owner's tasks share them, and they are compiled once).
     */
    static String rebuildInput(long id, Spec spec, List<String> declarations) {
        // Through the functions, fully named (a declaration of the user's may take the short names);
        // snippets cannot name $api itself (HiddenBindingGate).
        StringBuilder b = new StringBuilder();
        for (String d : declarations) {
            b.append(terminated(d)).append('\n');
        }
        List<Typed> vars = spec.variables();
        for (int i = 0; i < vars.size(); i++) {
            b.append(vars.get(i).type()).append(' ').append(vars.get(i).name()).append(" = (").append(boxed(vars.get(i).type()))
                    .append(") " + KEPT + "(").append(id).append("L, \"var\", ").append(i).append(");\n");
        }
        List<String> argTypes = spec.args().stream().map(a -> boxed(a.type())).toList();
        String type = spec.functionalInterface() + (argTypes.isEmpty() ? "" : "<" + String.join(", ", argTypes) + ">");
        List<Typed> caps = spec.captured();
        b.append(type).append(" $task").append(id).append('(');
        for (int i = 0; i < caps.size(); i++) {
            b.append(i == 0 ? "" : ", ").append("final ").append(caps.get(i).type()).append(' ').append(caps.get(i).name());
        }
        b.append(") { return ").append(spec.code()).append("; }\n");
        b.append(REBUILT + "(").append(id).append("L, $task").append(id).append('(');
        for (int i = 0; i < caps.size(); i++) {
            b.append(i == 0 ? "" : ", ").append('(').append(boxed(caps.get(i).type())).append(") " + KEPT + "(").append(id)
                    .append("L, \"cap\", ").append(i).append(')');
        }
        b.append("));\n");
        return b.toString();
    }

    /** A declaration as its own input: ended by a semicolon unless it ends with a body. */
    static String terminated(String declaration) {
        String t = declaration.strip();
        return t + (t.endsWith(";") || t.endsWith("}") ? "" : ";");
    }

    /**
     * What tells two declarations apart: the same text, give or take the surrounding blanks and the
     * final semicolon, is the same declaration (a snippet's source in a JShell, as stored).
     */
    static String declarationKey(String declaration) {
        String t = declaration.strip();
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).stripTrailing();
        }
        return t;
    }

    /** The reference type to cast an {@code Object} to before it is used as {@code type}. */
    static String boxed(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "int" -> type.equals("int") ? "Integer" : type;
            case "long" -> type.equals("long") ? "Long" : type;
            case "short" -> type.equals("short") ? "Short" : type;
            case "byte" -> type.equals("byte") ? "Byte" : type;
            case "double" -> type.equals("double") ? "Double" : type;
            case "float" -> type.equals("float") ? "Float" : type;
            case "char" -> type.equals("char") ? "Character" : type;
            case "boolean" -> type.equals("boolean") ? "Boolean" : type;
            default -> type;
        };
    }
}
