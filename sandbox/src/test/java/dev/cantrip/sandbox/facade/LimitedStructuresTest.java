package dev.cantrip.sandbox.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * The stand-ins give what the JDK gives, on every kind of holder the tiers allow, nested at
 * random, shared and not; and on shared structure that would take the JDK 2^45 calls, hash codes
 * and equality are found at once (each object is worked out once per call). Outside a run, the
 * budget checks return at once, so these run as plain host code.
 */
final class LimitedStructuresTest {

    private final Random random = new Random(14);

    /** A value of some JDK kind, holding others down to {@code depth}. */
    private Object value(int depth, List<Object> made) {
        if (depth == 0 || random.nextInt(5) == 0) {
            Object leaf = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(100);
                case 1 -> "s" + random.nextInt(10);
                case 2 -> null;
                case 3 -> random.nextDouble() < 0.5 ? 'c' : 2.5;
                case 4 -> new int[] {random.nextInt(3), 7};
                default -> made.isEmpty() ? "leaf" : made.get(random.nextInt(made.size())); // shared
            };
            return leaf;
        }
        List<Object> children = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            children.add(value(depth - 1, made));
        }
        Object v = switch (random.nextInt(17)) {
            case 0 -> new ArrayList<>(children);
            case 1 -> new LinkedList<>(children);
            case 2 -> children.stream().filter(Objects::nonNull).toList(); // ImmutableCollections
            case 3 -> new HashSet<>(children);
            case 4 -> new LinkedHashSet<>(children);
            case 5 -> {
                Map<Object, Object> m = new HashMap<>();
                for (Object c : children) {
                    m.put(c, value(depth - 1, made));
                }
                yield m;
            }
            case 6 -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                children.forEach(c -> m.put(String.valueOf(c), c));
                yield m;
            }
            case 7 -> {
                Map<String, Object> m = new TreeMap<>();
                children.forEach(c -> m.put("k" + m.size(), c));
                yield m;
            }
            case 8 -> Optional.ofNullable(children.isEmpty() ? null : children.getFirst());
            case 9 -> new AbstractMap.SimpleEntry<>(children.isEmpty() ? null : children.getFirst(), children);
            case 10 -> children.toArray();
            case 11 -> Collections.unmodifiableList(children);
            case 12 -> new ArrayDeque<>(children.stream().filter(Objects::nonNull).toList());
            case 13 -> new Vector<>(children);
            case 14 -> new AtomicReference<>(children);
            case 15 -> new AtomicReferenceArray<>(children.toArray());
            default -> Arrays.asList(children.toArray());
        };
        made.add(v);
        return v;
    }

    @Test
    void hashCodesEqualityAndTextAreTheJdksOnNestedHoldersOfEveryKind() {
        for (int round = 0; round < 400; round++) {
            List<Object> made = new ArrayList<>();
            Object v = value(5, made);
            if (v == null) {
                continue;
            }
            String why = "round " + round + ": " + v;
            assertThat(LimitedStructures.objectHashCode(v)).as(why).isEqualTo(v.hashCode());
            assertThat(LimitedStructures.objectToString(v)).as(why).isEqualTo(v.toString());
            assertThat(LimitedStructures.valueOf(v)).as(why).isEqualTo(String.valueOf(v));
            Object[] array = {v, made.isEmpty() ? null : made.getFirst(), new Object[] {v}};
            assertThat(LimitedStructures.deepHashCode(array)).as(why).isEqualTo(Arrays.deepHashCode(array));
            assertThat(LimitedStructures.deepToString(array)).as(why).isEqualTo(Arrays.deepToString(array));
            assertThat(LimitedStructures.hashCode(array)).as(why).isEqualTo(Arrays.hashCode(array));
            assertThat(LimitedStructures.toString(array)).as(why).isEqualTo(Arrays.toString(array));
            assertThat(LimitedStructures.objectsHash(v, 1, "x")).as(why).isEqualTo(Objects.hash(v, 1, "x"));
            for (Object other : made) {
                assertThat(LimitedStructures.objectEquals(v, other)).as(why + " equals " + other).isEqualTo(v.equals(other));
                assertThat(LimitedStructures.objectsDeepEquals(v, other)).as(why).isEqualTo(Objects.deepEquals(v, other));
            }
        }
    }

    @Test
    void equalityIsTheJdksBetweenEqualHoldersMadeApart() {
        for (int round = 0; round < 200; round++) {
            long seed = random.nextLong();
            random.setSeed(seed);
            Object a = value(4, new ArrayList<>());
            random.setSeed(seed);
            Object b = value(4, new ArrayList<>());
            if (a == null) {
                continue;
            }
            assertThat(LimitedStructures.objectEquals(a, b)).as("round " + round + ": " + a).isEqualTo(a.equals(b));
            Object[] x = {a, new Object[] {a}};
            Object[] y = {b, new Object[] {b}};
            assertThat(LimitedStructures.deepEquals(x, y)).as("round " + round).isEqualTo(Arrays.deepEquals(x, y));
            assertThat(LimitedStructures.equals(x, y)).as("round " + round).isEqualTo(Arrays.equals(x, y));
        }
    }

    @Test
    void setsAndMapsCompareByTheirOwnRules() {
        Set3 s = new Set3();
        assertThat(LimitedStructures.objectEquals(s.hashed, s.sorted)).isEqualTo(s.hashed.equals(s.sorted)).isTrue();
        assertThat(LimitedStructures.objectEquals(s.sorted, s.hashed)).isEqualTo(s.sorted.equals(s.hashed)).isTrue();
        Map<List<Integer>, String> hashed = new HashMap<>(Map.of(List.of(1), "a", List.of(2), "b"));
        Map<List<Integer>, String> linked = new LinkedHashMap<>(Map.of(List.of(2), "b", List.of(1), "a"));
        Map<List<Integer>, String> different = new HashMap<>(Map.of(List.of(2), "b", List.of(1), "c"));
        assertThat(LimitedStructures.objectEquals(hashed, linked)).isTrue();
        assertThat(LimitedStructures.objectEquals(hashed, different)).isFalse();
        Map<String, Integer> withNull = new HashMap<>();
        withNull.put("a", null);
        Map<String, Integer> otherKey = new HashMap<>();
        otherKey.put("b", null);
        assertThat(LimitedStructures.objectEquals(withNull, otherKey)).isEqualTo(withNull.equals(otherKey)).isFalse();
        EnumMap<java.time.DayOfWeek, List<Integer>> days = new EnumMap<>(java.time.DayOfWeek.class);
        days.put(java.time.DayOfWeek.MONDAY, List.of(1));
        assertThat(LimitedStructures.objectHashCode(days)).isEqualTo(days.hashCode());
        assertThat(LimitedStructures.objectEquals(days, Map.of(java.time.DayOfWeek.MONDAY, List.of(1)))).isTrue();
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertThat(LimitedStructures.objectToString(self)).isEqualTo(self.toString()).isEqualTo("[(this Collection)]");
    }

    private static final class Set3 {
        final java.util.Set<String> hashed = new HashSet<>(List.of("b", "a", "c"));
        final java.util.Set<String> sorted = new TreeSet<>(List.of("a", "b", "c"));
    }

    /** 45 levels, each a list holding the level below twice: 2^45 elements to the JDK. */
    private static List<Object> shared(int levels) {
        List<Object> x = new ArrayList<>();
        x.add(1);
        for (int i = 0; i < levels; i++) {
            List<Object> n = new ArrayList<>();
            n.add(x);
            n.add(x);
            x = n;
        }
        return x;
    }

    /** The JDK's hash code of {@link #shared}, by its recurrence: h(0) = 31 + 1, h(k+1) = 31 (31 + h(k)) + h(k). */
    private static int sharedHash(int levels) {
        int h = 31 + 1;
        for (int i = 0; i < levels; i++) {
            h = 31 * (31 + h) + h;
        }
        return h;
    }

    @Test
    void sharedStructureIsWorkedOutOncePerObject() {
        assertThat(LimitedStructures.objectHashCode(shared(12))).isEqualTo(shared(12).hashCode());
        assertThat(sharedHash(12)).isEqualTo(shared(12).hashCode());

        assertThat(LimitedStructures.objectHashCode(shared(45))).isEqualTo(sharedHash(45));
        assertThat(LimitedStructures.objectsHashCode(shared(45))).isEqualTo(sharedHash(45));
        assertThat(LimitedStructures.objectEquals(shared(45), shared(45))).isTrue();
        List<Object> changed = shared(45);
        ((List<Object>) ((List<Object>) changed.get(1)).get(1)).set(0, List.of(2));
        assertThat(LimitedStructures.objectEquals(shared(45), changed)).isFalse();

        Object[] a = {1};
        for (int i = 0; i < 45; i++) {
            a = new Object[] {a, a};
        }
        Object[] b = {1};
        for (int i = 0; i < 45; i++) {
            b = new Object[] {b, b};
        }
        assertThat(LimitedStructures.deepHashCode(a)).isEqualTo(sharedHash(45));
        assertThat(LimitedStructures.deepEquals(a, b)).isTrue();
    }
}
