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

    /**
     * The most a converted value may count: {@link AttrLimits#maxEncodedBytes} of the default
     * limits. Each part counts at least one byte of its storage text (a string its length), so a
     * value refused here would be refused by {@link AttrValidator} too; counting as the walk goes
     * refuses it before it is expanded.
     */
    static final long MAX_WEIGHT = AttrLimits.DEFAULTS.maxEncodedBytes();

    private static final String TOO_LARGE = "The value is too large to store: over %,d bytes when encoded (a part it"
            + " holds more than once counts each time). Store less, or split it across several attributes.";

    static AttrValue fromJava(Object value, Function<Object, OptionalLong> refIds) {
        return new Conversion(refIds).convert(value, "value", 0);
    }

    /** One conversion: its walk counted against {@link #MAX_WEIGHT}. */
    private static final class Conversion {
        private final Function<Object, OptionalLong> refIds;
        private final WalkCap cap = new WalkCap(MAX_WEIGHT, TOO_LARGE);

        Conversion(Function<Object, OptionalLong> refIds) {
            this.refIds = refIds;
        }

        AttrValue convert(Object value, String path, int depth) {
            cap.visit(weight(value));
            return switch (value) {
                case null -> throw new AttrRejectedException(
                        "The " + path + " is null, which cannot be stored; leave it out or remove the attribute instead.");
                case AttrValue v -> counted(v, path, depth);
                case Long n -> new AttrValue.Int(n);
                case Integer n -> new AttrValue.Int(n);
                case Short n -> new AttrValue.Int(n);
                case Byte n -> new AttrValue.Int(n);
                case Double d -> decimal(d, path);
                case Float f -> decimal(f, path);
                case String s -> new AttrValue.Str(s);
                case Character c -> new AttrValue.Str(String.valueOf(c));
                case Boolean b -> new AttrValue.Bool(b);
                case List<?> list -> new AttrValue.ListOf(items(list, path, depth));
                case Set<?> set -> new AttrValue.ListOf(items(set, path, depth));
                case Map<?, ?> map -> mapOf(map, path, depth);
                case char[] ignored -> throw new AttrRejectedException("The " + path
                        + " is a char[], which cannot be stored; make it a String with new String(chars).");
                default -> {
                    if (value.getClass().isArray()) {
                        yield new AttrValue.ListOf(arrayItems(value, path, depth));
                    }
                    yield reference(value, refIds, path);
                }
            };
        }

        /**
         * An attribute value handed over as it is: its parts are counted too (its own visit was),
         * so values built from values cannot multiply past the cap.
         */
        private AttrValue counted(AttrValue v, String path, int depth) {
            switch (v) {
                case AttrValue.ListOf list -> {
                    checkDepth(path, depth);
                    for (AttrValue item : list.items()) {
                        cap.visit(weight(item));
                        counted(item, path, depth + 1);
                    }
                }
                case AttrValue.MapOf map -> {
                    checkDepth(path, depth);
                    for (var e : map.entries().entrySet()) {
                        cap.visit(3L + e.getKey().length());
                        AttrValue item = e.getValue();
                        cap.visit(weight(item));
                        counted(item, path, depth + 1);
                    }
                }
                default -> { }
            }
            return v;
        }

        private List<AttrValue> items(Collection<?> items, String path, int depth) {
            checkDepth(path, depth);
            List<AttrValue> out = new ArrayList<>(capacity(items.size()));
            int i = 0;
            for (Object item : items) {
                out.add(convert(item, path + "[" + i++ + "]", depth + 1));
            }
            return out;
        }

        private List<AttrValue> arrayItems(Object array, String path, int depth) {
            checkDepth(path, depth);
            int length = Array.getLength(array);
            List<AttrValue> out = new ArrayList<>(capacity(length));
            for (int i = 0; i < length; i++) {
                out.add(convert(Array.get(array, i), path + "[" + i + "]", depth + 1));
            }
            return out;
        }

        private AttrValue mapOf(Map<?, ?> map, String path, int depth) {
            checkDepth(path, depth);
            var out = LinkedHashMap.<String, AttrValue>newLinkedHashMap(capacity(map.size()));
            for (var entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    String type = entry.getKey() == null ? "null" : "a " + entry.getKey().getClass().getName();
                    throw new AttrRejectedException("The " + path + " has a key that is " + type
                            + "; map keys must be Strings.");
                }
                cap.visit(3L + key.length());
                out.put(key, convert(entry.getValue(), AttrText.childPath(path, key), depth + 1));
            }
            return new AttrValue.MapOf(out);
        }
    }

    /** What a part counts by itself: a string its length and quotes, anything else one. */
    private static long weight(Object part) {
        return switch (part) {
            case String s -> 2L + s.length();
            case AttrValue.Str s -> 2L + s.value().length();
            case null, default -> 1;
        };
    }

    /**
     * Room for what a container says it holds, no more than could fit under the cap: its size is
     * its own word (a snippet's collection may claim two billion elements).
     */
    private static int capacity(int claimed) {
        return (int) Math.min(Math.max(0, claimed), Math.min(MAX_WEIGHT, 1024));
    }

    private static AttrValue decimal(double d, String path) {
        if (!Double.isFinite(d)) {
            throw new AttrRejectedException("The " + path + " is " + d + "; only finite decimals can be stored.");
        }
        return new AttrValue.Decimal(d);
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
