package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk that estimates what a session's variables hold. */
class RetainedSizeTest {

    private final RetainedSize walker = new RetainedSize(c -> false, 100_000);

    private static Map<String, Object> roots(Object... nameValue) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    @Test
    void primitiveArraysAreSizedExactly() {
        RetainedSize.Result r = walker.measure(roots("a", new long[1000], "b", new byte[3], "c", new int[0]));
        assertThat(r.byRoot()).containsEntry("a", 16L + 8000).containsEntry("b", 24L).containsEntry("c", 16L);
        assertThat(r.exact()).isTrue();
    }

    @Test
    void aSharedValueCountsOnceForTheFirstRootThatReachesIt() {
        long[] big = new long[1 << 20];
        List<Object> list = new ArrayList<>(List.of(big, big, big));
        RetainedSize.Result r = walker.measure(roots("first", list, "second", big));
        assertThat(r.byRoot().get("first")).isBetween(8L << 20, (8L << 20) + 200);
        assertThat(r.byRoot().get("second")).isZero();
        assertThat(r.bytes()).isEqualTo(r.byRoot().get("first"));
    }

    @Test
    void sharedStructureDoesNotMultiply() {
        // 2^40 paths through 41 lists: a walk that did not remember what it saw would never end.
        List<Object> x = new ArrayList<>();
        x.add(1);
        for (int i = 0; i < 40; i++) {
            List<Object> n = new ArrayList<>();
            n.add(x);
            n.add(x);
            x = n;
        }
        RetainedSize.Result r = walker.measure(roots("x", x));
        assertThat(r.visits()).isLessThan(50);
        assertThat(r.exact()).isTrue();
    }

    @Test
    void mapsAndStringsAreWalked() {
        Map<String, long[]> m = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            m.put("k" + i, new long[10_000]);
        }
        RetainedSize.Result r = walker.measure(roots("m", m, "s", "y".repeat(100_000), "u", "\u20ac".repeat(100)));
        assertThat(r.byRoot().get("m")).isBetween(800_000L, 810_000L);
        assertThat(r.byRoot().get("s")).isBetween(100_000L, 100_100L);
        assertThat(r.byRoot().get("u")).isBetween(200L, 300L);
    }

    @Test
    void pastTheCapWhatIsLeftIsCountedGenerouslyAndSaidToBeAnEstimate() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(new Object());
        }
        RetainedSize capped = new RetainedSize(c -> false, 1_000);
        RetainedSize.Result r = capped.measure(roots("many", many));
        assertThat(r.exact()).isFalse();
        assertThat(r.visits()).isLessThanOrEqualTo(1_000);
        assertThat(r.bytes()).isGreaterThan(49_000L * RetainedSize.UNVISITED);
    }

    @Test
    void hostObjectsCountNothing() {
        RetainedSize.Result r = walker.measure(roots("p", new Player("Pat", "Hall")));
        assertThat(r.bytes()).isZero();
    }

    /** A stand-in for a snippet's class: its fields are walked. */
    static final class Node {
        final long[] payload;
        final Node next;

        Node(long[] payload, Node next) {
            this.payload = payload;
            this.next = next;
        }
    }

    @Test
    void objectsOfSnippetClassesAreWalkedByTheirFields() {
        RetainedSize snippets = new RetainedSize(c -> c == Node.class, 100_000);
        Node chain = null;
        for (int i = 0; i < 5; i++) {
            chain = new Node(new long[100_000], chain);
        }
        RetainedSize.Result r = snippets.measure(roots("chain", chain));
        assertThat(r.bytes()).isBetween(5 * 800_016L, 5 * 800_016L + 5 * 32);
    }

    @Test
    void aWalkOfATypicalSessionIsCheap() {
        // A typical session: a few numbers and strings, a list of a thousand strings, a map of a
        // hundred entries, an array of ten thousand ints.
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            names.add("name " + i);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            counts.put("k" + i, i);
        }
        Map<String, Object> typical = roots("n", 42, "s", "hello", "names", names, "counts", counts,
                "grid", new int[10_000]);
        for (int i = 0; i < 200; i++) {
            walker.measure(typical); // warm
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            best = Math.min(best, walker.measure(typical).nanos());
        }
        System.out.printf("retained walk of a typical session: %.1f µs (%d objects)%n", best / 1000.0,
                walker.measure(typical).visits());
        assertThat(best).isLessThan(5_000_000L); // a generous sanity bound: 5 ms
    }
}
