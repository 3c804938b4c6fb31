package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * The JDK's collections that refuse duplicates, for snippets: {@code Map.of}, {@code Map.ofEntries},
 * {@code Set.of} and the two-argument {@code Collectors.toMap}, {@code toUnmodifiableMap} and
 * {@code toConcurrentMap}, with the same results and the same exceptions, except that the text of a
 * "duplicate key" message is made by {@link LimitedStructures}, within the run's budget.
 *
 * <p>Why: the JDK makes that message inside its own code, from the elements' {@code toString}, where
 * no check reaches. A list holding one 10 KB string 100,000 times hashes in a moment and renders as
 * a gigabyte of text; lists sharing structure 40 levels deep render as 2^40 elements. A run that
 * stayed in there was given up at its wall budget and its thread went on building text until the
 * heap or the array limit ended it. Here duplicates are found first, with hash codes and equality
 * worked out by {@link LimitedStructures} (shared parts once), and the message is charged as it is
 * made, so the run is stopped at its budget like any other.
 */
public final class LimitedCollections {

    /** The budget is checked after this many comparisons of elements of one hash code. */
    private static final int CHECK_EVERY = 1024;

    private LimitedCollections() {}

    // ---- Map.of, Map.ofEntries, Set.of ----

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2) {
        distinctKeys(k1, k2);
        return Map.of(k1, v1, k2, v2);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3) {
        distinctKeys(k1, k2, k3);
        return Map.of(k1, v1, k2, v2, k3, v3);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4) {
        distinctKeys(k1, k2, k3, k4);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5) {
        distinctKeys(k1, k2, k3, k4, k5);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6) {
        distinctKeys(k1, k2, k3, k4, k5, k6);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7) {
        distinctKeys(k1, k2, k3, k4, k5, k6, k7);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7, K k8, V v8) {
        distinctKeys(k1, k2, k3, k4, k5, k6, k7, k8);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7, K k8, V v8, K k9, V v9) {
        distinctKeys(k1, k2, k3, k4, k5, k6, k7, k8, k9);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9);
    }

    public static <K, V> Map<K, V> mapOf(K k1, V v1, K k2, V v2, K k3, V v3, K k4, V v4, K k5, V v5, K k6, V v6, K k7, V v7, K k8, V v8, K k9, V v9, K k10, V v10) {
        distinctKeys(k1, k2, k3, k4, k5, k6, k7, k8, k9, k10);
        return Map.of(k1, v1, k2, v2, k3, v3, k4, v4, k5, v5, k6, v6, k7, v7, k8, v8, k9, v9, k10, v10);
    }

    public static <E> Set<E> setOf(E e1, E e2) {
        distinctElements(e1, e2);
        return Set.of(e1, e2);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3) {
        distinctElements(e1, e2, e3);
        return Set.of(e1, e2, e3);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4) {
        distinctElements(e1, e2, e3, e4);
        return Set.of(e1, e2, e3, e4);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4, E e5) {
        distinctElements(e1, e2, e3, e4, e5);
        return Set.of(e1, e2, e3, e4, e5);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4, E e5, E e6) {
        distinctElements(e1, e2, e3, e4, e5, e6);
        return Set.of(e1, e2, e3, e4, e5, e6);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4, E e5, E e6, E e7) {
        distinctElements(e1, e2, e3, e4, e5, e6, e7);
        return Set.of(e1, e2, e3, e4, e5, e6, e7);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8) {
        distinctElements(e1, e2, e3, e4, e5, e6, e7, e8);
        return Set.of(e1, e2, e3, e4, e5, e6, e7, e8);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9) {
        distinctElements(e1, e2, e3, e4, e5, e6, e7, e8, e9);
        return Set.of(e1, e2, e3, e4, e5, e6, e7, e8, e9);
    }

    public static <E> Set<E> setOf(E e1, E e2, E e3, E e4, E e5, E e6, E e7, E e8, E e9, E e10) {
        distinctElements(e1, e2, e3, e4, e5, e6, e7, e8, e9, e10);
        return Set.of(e1, e2, e3, e4, e5, e6, e7, e8, e9, e10);
    }

    @SafeVarargs
    public static <E> Set<E> setOf(E... elements) {
        distinct(elements, "duplicate element: ", elements.length == 2);
        return Set.of(elements);
    }

    @SafeVarargs
    public static <K, V> Map<K, V> mapOfEntries(Map.Entry<? extends K, ? extends V>... entries) {
        Object[] keys = new Object[entries.length];
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] == null) {
                break; // the JDK throws its own NullPointerException at this one
            }
            keys[i] = entries[i].getKey();
        }
        distinct(keys, "duplicate key: ", false);
        return Map.ofEntries(entries);
    }

    private static void distinctKeys(Object... keys) {
        distinct(keys, "duplicate key: ", false);
    }

    private static void distinctElements(Object... elements) {
        distinct(elements, "duplicate element: ", elements.length == 2);
    }

    /**
     * Throws the JDK's {@link IllegalArgumentException} if two of {@code items} are equal, naming the
     * later one (the first, if {@code nameFirst}: {@code Set.of(a, b)} does). Stops at the first null:
     * the JDK then throws its own {@link NullPointerException} there.
     */
    private static void distinct(Object[] items, String message, boolean nameFirst) {
        if (items.length < 2) {
            return;
        }
        Map<Integer, List<Object>> byHash = new HashMap<>();
        long compared = 0;
        for (Object item : items) {
            if (item == null) {
                return;
            }
            List<Object> same = byHash.computeIfAbsent(LimitedStructures.objectHashCode(item), h -> new ArrayList<>(1));
            for (Object earlier : same) {
                if (++compared % CHECK_EVERY == 0) {
                    Checkpoint.check();
                }
                if (LimitedStructures.objectEquals(item, earlier)) {
                    throw new IllegalArgumentException(message + LimitedStructures.objectToString(nameFirst ? earlier : item));
                }
            }
            same.add(item);
        }
    }

    // ---- Collectors ----

    public static <T, K, U> Collector<T, ?, Map<K, U>> toMap(Function<? super T, ? extends K> keyMapper,
                                                            Function<? super T, ? extends U> valueMapper) {
        return uniqueKeys(HashMap::new, keyMapper, valueMapper, Collector.Characteristics.IDENTITY_FINISH);
    }

    @SuppressWarnings("unchecked")
    public static <T, K, U> Collector<T, ?, Map<K, U>> toUnmodifiableMap(Function<? super T, ? extends K> keyMapper,
                                                                        Function<? super T, ? extends U> valueMapper) {
        Objects.requireNonNull(keyMapper, "keyMapper");
        Objects.requireNonNull(valueMapper, "valueMapper");
        return Collectors.collectingAndThen(toMap(keyMapper, valueMapper),
                map -> (Map<K, U>) Map.ofEntries(map.entrySet().toArray(new Map.Entry[0])));
    }

    public static <T, K, U> Collector<T, ?, java.util.concurrent.ConcurrentMap<K, U>> toConcurrentMap(
            Function<? super T, ? extends K> keyMapper, Function<? super T, ? extends U> valueMapper) {
        return uniqueKeys(ConcurrentHashMap::new, keyMapper, valueMapper, Collector.Characteristics.CONCURRENT,
                Collector.Characteristics.UNORDERED, Collector.Characteristics.IDENTITY_FINISH);
    }

    /** The JDK's collector of unique keys (values may not be null), with the message made here. */
    private static <T, K, U, M extends Map<K, U>> Collector<T, M, M> uniqueKeys(Supplier<M> make,
            Function<? super T, ? extends K> keyMapper, Function<? super T, ? extends U> valueMapper,
            Collector.Characteristics... characteristics) {
        Objects.requireNonNull(keyMapper);
        Objects.requireNonNull(valueMapper);
        BiConsumer<M, T> accumulate = (map, element) -> {
            K k = keyMapper.apply(element);
            U v = Objects.requireNonNull(valueMapper.apply(element));
            U u = map.putIfAbsent(k, v);
            if (u != null) {
                throw duplicateKey(k, u, v);
            }
        };
        BinaryOperator<M> merge = (m1, m2) -> {
            for (Map.Entry<K, U> e : m2.entrySet()) {
                K k = e.getKey();
                U v = Objects.requireNonNull(e.getValue());
                U u = m1.putIfAbsent(k, v);
                if (u != null) {
                    throw duplicateKey(k, u, v);
                }
            }
            return m1;
        };
        return Collector.of(make, accumulate, merge, characteristics);
    }

    private static IllegalStateException duplicateKey(Object k, Object u, Object v) {
        return new IllegalStateException("Duplicate key " + LimitedStructures.valueOf(k) + " (attempted merging values "
                + LimitedStructures.valueOf(u) + " and " + LimitedStructures.valueOf(v) + ")");
    }
}
