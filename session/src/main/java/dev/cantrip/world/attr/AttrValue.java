package dev.cantrip.world.attr;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The value of one attribute on a game object. Values are immutable and compare by content; a
 * map keeps its entries in insertion order (its equality, like {@link Map#equals}, ignores order).
 *
 * <p>Constructing a value checks only what every value must satisfy (no nulls, finite decimals,
 * object ids from 1). Whether a value may be stored (size, depth, characters) is the business of
 * {@link AttrValidator}, because those limits are policy and values may be built up before storing.
 */
public sealed interface AttrValue {

    /** The type's name as users see it: int, decimal, string, bool, list, map or ref. */
    String typeName();

    /**
     * The value as a person would type it: {@code 12}, {@code 3.5}, {@code "text"}, {@code true},
     * {@code [1, "a", #3]}, {@code {"k": 1}}, {@code #3}. Control characters and unpaired surrogates
     * in strings are escaped, so the result is safe to send to a terminal, and
     * {@link AttrParser#parse} turns it back into an equal value.
     */
    default String display() {
        return AttrText.display(this);
    }

    /**
     * The value as plain Java objects for host code: {@link Long}, {@link Double}, {@link String},
     * {@link Boolean}, an unmodifiable {@link List} or insertion-ordered {@link Map}, and a
     * {@link Ref} as itself, for the world to resolve.
     */
    default Object toJava() {
        return JavaValues.toJava(this);
    }

    /**
     * Converts plain Java data into a value: Long, Integer, Short, Byte; Double, Float; String,
     * Character; Boolean; List, Set and arrays (except {@code char[]}); Map with String keys; and an
     * AttrValue as itself.
     *
     * @throws AttrRejectedException naming the offending type and where it was, for anything else
     */
    static AttrValue fromJava(Object value) {
        return JavaValues.fromJava(value, JavaValues.NO_REFS);
    }

    /**
     * Like {@link #fromJava(Object)}, and also turns game objects into {@link Ref}s: any object of
     * a type not listed there is passed to {@code refIds}, which answers its object id or empty if
     * it is not a game object.
     */
    static AttrValue fromJava(Object value, Function<Object, OptionalLong> refIds) {
        return JavaValues.fromJava(value, requireNonNull(refIds, "refIds"));
    }

    /** A whole number. */
    record Int(long value) implements AttrValue {
        @Override
        public String typeName() {
            return "int";
        }
    }

    /** A finite floating-point number; NaN and the infinities are refused at construction. */
    record Decimal(double value) implements AttrValue {
        public Decimal {
            if (!Double.isFinite(value)) {
                throw new AttrRejectedException(
                        "A decimal must be a finite number, not " + value + "; store a large finite number or text instead.");
            }
        }

        @Override
        public String typeName() {
            return "decimal";
        }
    }

    /** A string. Any Java string can be held; {@link AttrValidator} decides what can be stored. */
    record Str(String value) implements AttrValue {
        public Str {
            requireNonNull(value, "value");
        }

        @Override
        public String typeName() {
            return "string";
        }
    }

    /** True or false. */
    record Bool(boolean value) implements AttrValue {
        @Override
        public String typeName() {
            return "bool";
        }
    }

    /** An ordered list of values; holds an unmodifiable copy of what it was given. */
    record ListOf(List<AttrValue> items) implements AttrValue {
        public ListOf {
            requireNonNull(items, "items");
            // List.copyOf refuses null elements too, but say which element so the bug is findable.
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) {
                    throw new NullPointerException("list item " + i + " is null");
                }
            }
            items = List.copyOf(items);
        }

        @Override
        public String typeName() {
            return "list";
        }
    }

    /** String keys to values in insertion order; holds an unmodifiable copy of what it was given. */
    record MapOf(Map<String, AttrValue> entries) implements AttrValue {
        public MapOf {
            requireNonNull(entries, "entries");
            var copy = LinkedHashMap.<String, AttrValue>newLinkedHashMap(entries.size());
            for (var entry : entries.entrySet()) {
                String key = requireNonNull(entry.getKey(), "map key is null");
                copy.put(key, requireNonNull(entry.getValue(), () -> "value of map key \"" + key + "\" is null"));
            }
            entries = Collections.unmodifiableSequencedMap(copy);
        }

        @Override
        public String typeName() {
            return "map";
        }
    }

    /** A reference to game object {@code #objectId}; ids start at 1. Existence is checked elsewhere. */
    record Ref(long objectId) implements AttrValue {
        public Ref {
            if (objectId < 1) {
                throw new AttrRejectedException("Object numbers start at #1, so #" + objectId + " cannot be referenced.");
            }
        }

        @Override
        public String typeName() {
            return "ref";
        }
    }
}
