package dev.cantrip.world.attr;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** The conversions behind {@link AttrValue#fromJava} and {@link AttrValue#toJava}. */
final class JavaValues {
    static final Function<Object, OptionalLong> NO_REFS = ignored -> OptionalLong.empty();

    private static final String ALLOWED = "Long, Integer, Short, Byte, Double, Float, String, Character, Boolean,"
            + " List, Set, arrays, Map with String keys, AttrValue";

    private JavaValues() {}

    static AttrValue fromJava(Object value, Function<Object, OptionalLong> refIds) {
        return convert(value, refIds, "value", 0);
    }

    private static AttrValue convert(Object value, Function<Object, OptionalLong> refIds, String path, int depth) {
        return switch (value) {
            case null -> throw new AttrRejectedException(
                    "The " + path + " is null, which cannot be stored; leave it out or remove the attribute instead.");
            case AttrValue v -> v;
            case Long n -> new AttrValue.Int(n);
            case Integer n -> new AttrValue.Int(n);
            case Short n -> new AttrValue.Int(n);
            case Byte n -> new AttrValue.Int(n);
            case Double d -> decimal(d, path);
            case Float f -> decimal(f, path);
            case String s -> new AttrValue.Str(s);
            case Character c -> new AttrValue.Str(String.valueOf(c));
            case Boolean b -> new AttrValue.Bool(b);
            case List<?> list -> new AttrValue.ListOf(items(list, refIds, path, depth));
            case Set<?> set -> new AttrValue.ListOf(items(set, refIds, path, depth));
            case Map<?, ?> map -> mapOf(map, refIds, path, depth);
            case char[] ignored -> throw new AttrRejectedException("The " + path
                    + " is a char[], which cannot be stored; make it a String with new String(chars).");
            default -> {
                if (value.getClass().isArray()) {
                    yield new AttrValue.ListOf(arrayItems(value, refIds, path, depth));
                }
                yield reference(value, refIds, path);
            }
        };
    }

    private static AttrValue decimal(double d, String path) {
        if (!Double.isFinite(d)) {
            throw new AttrRejectedException("The " + path + " is " + d + "; only finite decimals can be stored.");
        }
        return new AttrValue.Decimal(d);
    }

    private static List<AttrValue> items(Collection<?> items, Function<Object, OptionalLong> refIds, String path, int depth) {
        checkDepth(path, depth);
        List<AttrValue> out = new ArrayList<>(items.size());
        int i = 0;
        for (Object item : items) {
            out.add(convert(item, refIds, path + "[" + i++ + "]", depth + 1));
        }
        return out;
    }

    private static List<AttrValue> arrayItems(Object array, Function<Object, OptionalLong> refIds, String path, int depth) {
        checkDepth(path, depth);
        int length = Array.getLength(array);
        List<AttrValue> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            out.add(convert(Array.get(array, i), refIds, path + "[" + i + "]", depth + 1));
        }
        return out;
    }

    private static AttrValue mapOf(Map<?, ?> map, Function<Object, OptionalLong> refIds, String path, int depth) {
        checkDepth(path, depth);
        var out = LinkedHashMap.<String, AttrValue>newLinkedHashMap(map.size());
        for (var entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                String type = entry.getKey() == null ? "null" : "a " + entry.getKey().getClass().getName();
                throw new AttrRejectedException("The " + path + " has a key that is " + type
                        + "; map keys must be Strings.");
            }
            out.put(key, convert(entry.getValue(), refIds, AttrText.childPath(path, key), depth + 1));
        }
        return new AttrValue.MapOf(out);
    }

    private static AttrValue reference(Object value, Function<Object, OptionalLong> refIds, String path) {
        OptionalLong id = refIds.apply(value);
        if (id == null) {
            throw new NullPointerException("refIds returned null for a " + value.getClass().getName());
        }
        if (id.isPresent()) {
            return new AttrValue.Ref(id.getAsLong());
        }
        String hint = value instanceof Number
                ? " Convert it first, for example with longValue() or doubleValue()."
                : "";
        String refs = refIds == NO_REFS ? "" : ", game objects";
        throw new AttrRejectedException("The " + path + " is a " + value.getClass().getName()
                + ", which cannot be stored in an attribute. Allowed: " + ALLOWED + refs + "." + hint);
    }

    /** Self-containing collections would otherwise recurse until the stack overflows. */
    private static void checkDepth(String path, int depth) {
        int limit = AttrLimits.DEFAULTS.maxDepth();
        if (depth + 1 > limit) {
            throw new AttrRejectedException("The " + path + " is nested more than " + limit
                    + " levels deep (does it contain itself?). Flatten the value.");
        }
    }

    static Object toJava(AttrValue value) {
        return switch (value) {
            case AttrValue.Int i -> i.value();
            case AttrValue.Decimal d -> d.value();
            case AttrValue.Str s -> s.value();
            case AttrValue.Bool b -> b.value();
            case AttrValue.Ref r -> r;
            case AttrValue.ListOf list -> {
                List<Object> out = new ArrayList<>(list.items().size());
                for (AttrValue item : list.items()) {
                    out.add(toJava(item));
                }
                yield Collections.unmodifiableList(out);
            }
            case AttrValue.MapOf map -> {
                var out = LinkedHashMap.<String, Object>newLinkedHashMap(map.entries().size());
                map.entries().forEach((k, v) -> out.put(k, toJava(v)));
                yield Collections.unmodifiableSequencedMap(out);
            }
        };
    }
}
