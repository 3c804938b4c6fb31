package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A session held to a limit on what it keeps between evaluations ({@link ReplSession#keepWithin}). */
class RetainedStateTest {

    private static final long MIB = 1 << 20;

    @Test
    void theVariableThatPutItOverIsDroppedAndTheOthersKept() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("long[] keep1 = new long[1_000_000];");
            Retained first = t.session.keepWithin(12 * MIB).join();
            assertThat(first.dropped()).isEmpty();
            assertThat(first.bytes()).isBetween(8_000_000L, 8_100_000L);
            t.eval("long[] keep2 = new long[1_000_000];");
            Retained second = t.session.keepWithin(12 * MIB).join();
            assertThat(second.dropped()).containsExactly("keep2 (7.6 MiB)");
            assertThat(second.note()).hasValueSatisfying(n -> assertThat(n)
                    .startsWith("Dropped keep2 (7.6 MiB): your variables held 15.3 MiB, over the 12.0 MiB your tier"));
            assertThat(second.bytes()).isBetween(8_000_000L, 8_100_000L);
            assertThat(t.show("keep1.length")).containsExactly("==> 1000000");
            assertThat(t.show("keep2")).anyMatch(l -> l.contains("cannot find symbol"));
        }
    }

    @Test
    void aMoveToAFreshInstanceDoesNotMakeOldVariablesNew() {
        try (ReplTesting t = new ReplTesting(EngineConfig.builder().recycleAfter(3))) {
            t.eval("long[] keep1 = new long[1_000_000];");
            t.session.keepWithin(12 * MIB).join();
            for (int i = 0; i < 12; i++) {
                t.eval("keep1.length");
                t.session.keepWithin(12 * MIB).join();
            }
            t.eval("long[] keep2 = new long[1_000_000];");
            assertThat(t.session.keepWithin(12 * MIB).join().dropped()).containsExactly("keep2 (7.6 MiB)");
            assertThat(t.show("keep1.length")).containsExactly("==> 1000000");
        }
    }

    @Test
    void growthThroughAnOldVariableDropsTheLargest() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("List<long[]> hoard = new ArrayList<>();");
            t.eval("int small = 3;");
            t.session.keepWithin(12 * MIB).join();
            t.eval("hoard.add(new long[1_000_000]); hoard.add(new long[1_000_000]);");
            Retained r = t.session.keepWithin(12 * MIB).join();
            assertThat(r.dropped()).singleElement().asString().startsWith("hoard (");
            assertThat(t.show("small")).containsExactly("==> 3");
        }
    }

    @Test
    void aReplacedVariablesValueIsCountedAndLetGo() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("long[] a = new long[1_000_000];");
            t.session.keepWithin(12 * MIB).join();
            t.eval("int[] a = new int[2_000_000];");
            // A declaration of another type is another class: the first array is still held by the first's.
            Retained r = t.session.keepWithin(Long.MAX_VALUE).join();
            assertThat(r.bytes()).isGreaterThan(16_000_000L);
            Retained within = t.session.keepWithin(12 * MIB).join();
            assertThat(within.dropped()).isEmpty();
            assertThat(within.bytes()).isBetween(8_000_000L, 8_100_000L);
            assertThat(t.show("a.length")).containsExactly("==> 2000000");
        }
    }

    @Test
    void objectsOfDeclaredClassesAreMeasuredWithoutRunningTheirCode() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("class Hoard extends ArrayList<long[]> { public int size() { throw new RuntimeException(); } }");
            t.eval("record Pair(long[] a, Object b) {}");
            t.eval("var h = new Hoard(); h.add(new long[500_000]);");
            t.eval("var p = new Pair(new long[500_000], (Runnable) () -> {});");
            Retained r = t.session.keepWithin(Long.MAX_VALUE).join();
            assertThat(r.bytes()).isGreaterThan(4_000_000L); // the pair's array at least
            assertThat(t.printed).isEmpty();
            assertThat(t.show("h.get(0).length + p.a().length")).containsExactly("==> 1000000");
        }
    }

    @Test
    void staticFieldsOfDeclaredClassesAreMeasuredAndLetGo() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("class K { static List<long[]> hoard = new ArrayList<>(); static final long[] fixed = new long[10]; }");
            t.eval("int small = 3;");
            // Declared but not initialized: nothing of it is read (reading it would run its initializer).
            assertThat(t.session.keepWithin(12 * MIB).join().bytes()).isLessThan(100_000L);
            t.eval("K.hoard.add(new long[1_000_000]);");
            Retained one = t.session.keepWithin(12 * MIB).join();
            assertThat(one.dropped()).isEmpty();
            assertThat(one.bytes()).isBetween(8_000_000L, 8_200_000L);
            t.eval("K.hoard.add(new long[1_000_000]);");
            Retained two = t.session.keepWithin(12 * MIB).join();
            assertThat(two.dropped()).singleElement().asString().startsWith("K.hoard (");
            assertThat(two.note()).hasValueSatisfying(n -> assertThat(n)
                    .startsWith("Dropped K.hoard (15.3 MiB): your variables and static fields held"));
            assertThat(two.cleared()).isFalse();
            assertThat(t.show("K.hoard == null")).containsExactly("==> true");
            assertThat(t.show("small")).containsExactly("==> 3");
        }
    }

    @Test
    void aClassWithoutAnInitializerIsMeasuredOnceUsed() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("class Box { static Object held; }");
            t.eval("Box.held = new long[2_000_000];");
            Retained r = t.session.keepWithin(12 * MIB).join();
            assertThat(r.dropped()).containsExactly("Box.held (15.3 MiB)");
            assertThat(t.show("Box.held == null")).containsExactly("==> true");
        }
    }

    @Test
    void aFinalStaticFieldOverTheLimitClearsTheState() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("class F { static final List<long[]> kept = new ArrayList<>(); }");
            t.eval("F.kept.add(new long[1_000_000]); F.kept.add(new long[1_000_000]);");
            Retained r = t.session.keepWithin(12 * MIB).join();
            assertThat(r.dropped()).isEmpty();
            assertThat(r.cleared()).isTrue();
            assertThat(r.note()).hasValueSatisfying(n -> assertThat(n).startsWith("Your Java state was cleared"));
        }
    }

    @Test
    void aRedeclaredClassesOldStaticsAreLetGoFirst() {
        try (ReplTesting t = new ReplTesting()) {
            t.eval("class K { static long[] a = new long[1_000_000]; }");
            t.eval("K.a.length");
            t.eval("class K { static long[] a = new long[1_000_000]; static int v = 2; }");
            t.eval("K.a.length");
            Retained r = t.session.keepWithin(12 * MIB).join();
            assertThat(r.before()).isGreaterThan(16_000_000L);
            assertThat(r.dropped()).isEmpty();
            assertThat(r.bytes()).isBetween(8_000_000L, 8_200_000L);
            assertThat(t.show("K.a.length")).containsExactly("==> 1000000");
        }
    }
}
