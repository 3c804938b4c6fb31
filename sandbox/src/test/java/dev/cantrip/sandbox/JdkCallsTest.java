package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.repl.SnippetOutcome;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JDK calls that work super-linearly within one call, in a real engine: {@code CANON_EQ} patterns
 * with many combining marks are refused before the JDK builds their orderings, by every way of
 * asking; hash codes, equality and text of nested JDK structures go to the stand-ins, which give
 * the JDK's results and finish (hash codes, equality) or are stopped at the budget (text) on
 * shared structure the JDK would walk 2^45 times; constructors that take a lock object are refused,
 * also as a snippet subclass's {@code super(...)}.
 */
final class JdkCallsTest {

    // Which budget a long call meets first (wall, CPU or allocation) depends on how busy the machine
    // is: what matters is that it is stopped at one, not left to run.
    private static final String AT_A_BUDGET = "it (ran longer than|used .* of CPU time|allocated) .*";
    // Text charged as it is made ("asked for") or the 10 ms sampler's count of what the thread
    // allocated, whichever sees the budget pass first.
    private static final String AT_THE_ALLOCATION_BUDGET = "it (asked for|allocated) .*";

    /** One letter and 11 combining marks of 11 different classes (Hebrew points). */
    static final String ELEVEN_MARKS = "a\u05B0\u05B1\u05B2\u05B3\u05B4\u05B5\u05B6\u05B7\u05B8\u05B9\u05BB";

    private static final String POLICY = """
            allow java.lang.*
            deny java.lang.System
            allow java.lang.System#out
            allow java.io.PrintStream
            allow java.io.Reader
            allow java.io.Writer
            allow java.util.**
            deny java.util.concurrent.**
            allow java.time.**
            """;

    private static SandboxTesting t;

    @BeforeAll
    static void start() {
        t = new SandboxTesting("budget wall 3s\nbudget allocated 4MiB", POLICY);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @BeforeEach
    void open() {
        t.open();
    }

    @AfterEach
    void close() {
        t.closeSession();
    }

    private static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.chars().forEach(c -> b.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return b.append('"').toString();
    }

    private static String thrown(SnippetOutcome o) {
        assertThat(o).isInstanceOf(SnippetOutcome.Thrown.class);
        return String.join("\n", dev.cantrip.repl.OutcomeText.lines(o));
    }

    @Test
    void canonicalEquivalenceWithElevenMarksIsRefusedBeforeTheJdkBuildsTheirOrderings() {
        String marks = literal(ELEVEN_MARKS);
        for (String call : List.of(
                "java.util.regex.Pattern.compile(" + marks + ", java.util.regex.Pattern.CANON_EQ)",
                "java.util.regex.Pattern.compile(" + marks + ", java.util.regex.Pattern.CANON_EQ | java.util.regex.Pattern.CASE_INSENSITIVE)",
                "java.util.function.BiFunction<String, Integer, java.util.regex.Pattern> f = java.util.regex.Pattern::compile;"
                        + " f.apply(" + marks + ", 128)")) {
            List<SnippetOutcome> outcomes = t.eval(call).outcomes();
            assertThat(thrown(outcomes.getLast())).as(call)
                    .contains("IllegalArgumentException")
                    .contains("combining marks (11 on one letter) would make CANON_EQ build over 10,000 orderings");
        }
    }

    @Test
    void canonicalEquivalenceStillWorksAsTheJdksOnOrdinaryPatterns() {
        assertThat(t.show("java.util.regex.Pattern.compile(\"e\\u0301t\\u00E9\", java.util.regex.Pattern.CANON_EQ)"
                + ".matcher(\"\\u00E9te\\u0301\").matches()")).containsExactly("==> true");
        assertThat(Pattern.compile("e\u0301t\u00E9", Pattern.CANON_EQ).matcher("\u00E9te\u0301").matches()).isTrue();
        // LITERAL turns the rewriting off; and the inline flag (?c) builds no orderings in this JDK.
        assertThat(t.show("java.util.regex.Pattern.compile(" + literal(ELEVEN_MARKS)
                + ", java.util.regex.Pattern.CANON_EQ | java.util.regex.Pattern.LITERAL).matcher(" + literal(ELEVEN_MARKS)
                + ").matches()")).containsExactly("==> true");
        assertThat(t.show("java.util.regex.Pattern.compile(\"(?c)\" + " + literal(ELEVEN_MARKS) + ").matcher("
                + literal(ELEVEN_MARKS) + ").matches()")).containsExactly("==> true");
        assertThat(t.show(literal(ELEVEN_MARKS) + ".matches(\"(?c)\" + " + literal(ELEVEN_MARKS) + ")"))
                .containsExactly("==> true");
    }

    /** A snippet making the 45 shared levels the first finding uses; {@code name} is the result. */
    private static String shared(String name, int levels) {
        return "List<Object> " + name + " = new ArrayList<>(); " + name + ".add(1); for (int i = 0; i < " + levels
                + "; i++) { List<Object> n = new ArrayList<>(); n.add(" + name + "); n.add(" + name + "); " + name
                + " = n; }";
    }

    @Test
    void nestedListsOnSharedStructureHashAndCompareAtOnceWithTheJdksResult() {
        t.eval(shared("x", 45));
        t.eval(shared("y", 45));
        int expected = 31 + 1;
        for (int i = 0; i < 45; i++) {
            expected = 31 * (31 + expected) + expected;
        }
        assertThat(t.show("x.hashCode()")).containsExactly("==> " + expected);
        assertThat(t.show("java.util.Objects.hash(x)")).containsExactly("==> " + (31 + expected));
        assertThat(t.show("x.equals(y)")).containsExactly("==> true");
        int immutable = 31 + "x".hashCode();
        for (int i = 0; i < 40; i++) {
            immutable = 31 * (31 + immutable) + immutable;
        }
        assertThat(t.show("List<Object> l = List.of(\"x\"); for (int i = 0; i < 40; i++) l = List.of(l, l); l.hashCode()"))
                .last().isEqualTo("==> " + immutable);
        assertThat(t.show("java.util.function.ToIntFunction<List<Object>> h = List::hashCode; h.applyAsInt(x)"))
                .endsWith("==> " + expected);
    }

    @Test
    void textOfSharedStructureIsStoppedAtTheAllocationBudget() {
        t.eval(shared("x", 45));
        for (String call : List.of("x.toString()", "String.valueOf(x)", "java.util.Objects.toString(x)",
                "new StringBuilder().append(x)", "System.out.println(x)",
                "\"x is \" + x", "String s = \"\"; s += x;", "Object o = x; \"\" + 1 + o", "System.out.printf(\"%s%n\", x)")) {
            long start = System.nanoTime();
            SnippetOutcome o = t.eval(call).outcomes().getLast();
            System.out.printf("%s stopped in %d ms%n", call, (System.nanoTime() - start) / 1_000_000);
            assertThat(o).as(call).isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                    s -> assertThat(s.reason()).matches(AT_THE_ALLOCATION_BUDGET));
        }
    }

    @Test
    void aDuplicateKeysMessageIsMadeWithinTheBudget() {
        t.eval(shared("x", 45));
        // Hashes in a moment; its text is a gigabyte.
        t.eval("List<String> wide = new ArrayList<>(); String tenK = \"y\".repeat(10_000);"
                + " for (int i = 0; i < 100_000; i++) wide.add(tenK);");
        for (String call : List.of("java.util.stream.Stream.of(x, x).collect(java.util.stream.Collectors.toMap(k -> 1, v -> v))",
                "java.util.stream.Stream.of(x, x).collect(java.util.stream.Collectors.toUnmodifiableMap(k -> 1, v -> v))",
                "java.util.stream.Stream.of(wide, wide).collect(java.util.stream.Collectors.toMap(k -> k, v -> 1))",
                "Map.of(wide, 1, wide, 2)", "Map.of(1, 1, 2, 2, 3, 3, wide, 4, wide, 5)",
                "Map.ofEntries(Map.entry(wide, 1), Map.entry(wide, 2))",
                "Set.of(wide, wide)", "Set.of(1, 2, wide, wide)", "Set.of(new Object[] {wide, 1, wide})")) {
            long start = System.nanoTime();
            SnippetOutcome o = t.eval(call).outcomes().getLast();
            System.out.printf("%s stopped in %d ms%n", call, (System.nanoTime() - start) / 1_000_000);
            assertThat(o).as(call).isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                    s -> assertThat(s.reason()).matches(AT_THE_ALLOCATION_BUDGET));
        }
    }

    @Test
    void collectionsThatRefuseDuplicatesGiveTheJdksResultsAndMessages() {
        assertThat(t.show("Map.of(\"a\", 1, \"b\", 2).get(\"b\") + Map.of(1, 2, 3, 4, 5, 6).size()"))
                .containsExactly("==> 5");
        assertThat(t.show("new TreeSet<>(Set.of(3, 1, 2))")).singleElement().asString().startsWith("==> [1, 2, 3] ");
        assertThat(t.show("new TreeMap<>(Map.ofEntries(Map.entry(7, 1), Map.entry(3, 2)))"))
                .singleElement().asString().startsWith("==> {3=2, 7=1} ");
        assertThat(thrown(t.eval("Map.of(\"a\", 1, \"a\", 2)").outcomes().getLast()))
                .contains("IllegalArgumentException: duplicate key: a");
        assertThat(thrown(t.eval("Set.of(List.of(1), List.of(1))").outcomes().getLast()))
                .contains("IllegalArgumentException: duplicate element: [1]");
        assertThat(thrown(t.eval("Set.of(\"a\", \"b\", \"b\")").outcomes().getLast()))
                .contains("IllegalArgumentException: duplicate element: b");
        assertThat(thrown(t.eval("Set.of(\"a\", null)").outcomes().getLast())).contains("NullPointerException");
        assertThat(thrown(t.eval("java.util.stream.Stream.of(\"a\", \"b\", \"a\").collect(java.util.stream.Collectors.toMap(s -> s, s -> s.length()))")
                .outcomes().getLast())).contains("IllegalStateException: Duplicate key a (attempted merging values 1 and 1)");
        assertThat(t.show("new TreeMap<>(java.util.stream.Stream.of(\"a\", \"bb\").collect(java.util.stream.Collectors.toMap(String::length, s -> s)))"))
                .singleElement().asString().startsWith("==> {1=\"a\", 2=\"bb\"} ");
        assertThat(thrown(t.eval("java.util.stream.Stream.of(\"a\").collect(java.util.stream.Collectors.toUnmodifiableMap(s -> s, s -> 1)).put(\"b\", 2)")
                .outcomes().getLast())).contains("UnsupportedOperationException");
    }

    @Test
    void aRecordsOwnMethodsGiveTheJdksResultsAndWalkTheirComponentsWithinTheBudget() {
        t.eval("record R(int i, double d, char c, List<Object> l, String s) { }");
        t.eval("record Empty() { }");
        record R(int i, double d, char c, List<Object> l, String s) { }
        R host = new R(3, Double.NaN, 'z', List.of(1, List.of()), null);
        assertThat(t.show("new R(3, Double.NaN, 'z', List.of(1, List.of()), null).hashCode()"))
                .containsExactly("==> " + host.hashCode());
        assertThat(t.show("new R(3, Double.NaN, 'z', List.of(1, List.of()), null).toString()"))
                .containsExactly("==> \"" + host + "\"");
        assertThat(t.show("new R(3, Double.NaN, 'z', List.of(1), null).equals(new R(3, Double.NaN, 'z', List.of(1), null))"
                + " + \" \" + new R(3, 0.0, 'z', List.of(1), null).equals(new R(3, -0.0, 'z', List.of(1), null))"
                + " + \" \" + new Empty() + new Empty().hashCode() + new Empty().equals(new Empty())"))
                .containsExactly("==> \"true false Empty[]0true\"");
        t.eval(shared("x", 45));
        t.eval(shared("y", 45));
        assertThat(t.show("new R(1, 1, 'c', x, \"s\").equals(new R(1, 1, 'c', y, \"s\"))")).containsExactly("==> true");
        assertThat(t.show("new R(1, 1, 'c', x, \"s\").hashCode() != 0")).containsExactly("==> true");
        assertThat(t.eval("new R(1, 1, 'c', x, \"s\").toString()").outcomes().getLast())
                .isInstanceOfSatisfying(SnippetOutcome.Stopped.class, s -> assertThat(s.reason()).matches(AT_THE_ALLOCATION_BUDGET));
    }

    @Test
    void searchesWhoseTimeIsAProductOfTwoSizesAreStoppedAtTheBudget() {
        t.eval("String s = \"a\".repeat(1_000_000); String p = \"a\".repeat(500_000) + \"b\";");
        for (String call : List.of("s.indexOf(p)", "s.contains(p)", "s.lastIndexOf(p)", "s.replace(p, \"x\")",
                "new StringBuilder(s).indexOf(p)")) {
            long start = System.nanoTime();
            SnippetOutcome o = t.eval(call).outcomes().getLast();
            System.out.printf("%s stopped in %d ms%n", call, (System.nanoTime() - start) / 1_000_000);
            assertThat(o).as(call).isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                    s -> assertThat(s.reason()).matches(AT_A_BUDGET));
        }
        // Made a part an input, each well under the 4 MiB budget, so that the setup itself is never stopped.
        for (String input : List.of(
                "List<Integer> a = new ArrayList<>(200_000); for (int i = 0; i < 100_000; i++) a.add(i);",
                "for (int i = 100_000; i < 200_000; i++) a.add(i);",
                "List<Integer> b = new ArrayList<>(200_000); for (int i = 0; i < 100_000; i++) b.add(-i - 1);",
                "for (int i = 100_000; i < 200_000; i++) b.add(-i - 1);",
                "List<Integer> zeros = new ArrayList<>(); for (int i = 0; i < 200_000; i++) zeros.add(0);",
                "List<Integer> zerosThenOne = new ArrayList<>(); for (int i = 0; i < 200_000; i++) zerosThenOne.add(i < 100_000 ? 0 : 1);",
                "List<Integer> reversed = new ArrayList<>(a); Collections.reverse(reversed);")) {
            assertThat(t.eval(input).outcomes()).as(input)
                    .noneMatch(o -> o instanceof SnippetOutcome.Stopped || o instanceof SnippetOutcome.Diagnosed
                            || o instanceof SnippetOutcome.Rejected);
        }
        for (String call : List.of("a.containsAll(reversed)", "a.removeAll(b)", "a.retainAll(reversed)",
                "Collections.disjoint(a, b)", "Collections.indexOfSubList(zeros, zerosThenOne.subList(0, 100_001))")) {
            SnippetOutcome o = t.eval(call).outcomes().getLast();
            assertThat(o).as(call).isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                    s -> assertThat(s.reason()).matches(AT_A_BUDGET));
        }
        assertThat(t.show("\"abcabc\".indexOf(\"ca\") + \" \" + \"abcabc\".replace(\"b\", \"XY\")"))
                .containsExactly("==> \"2 aXYcaXYc\"");
    }

    @Test
    void datesMadeByTheJdkAlonePassTheBudgetCheck() {
        assertThat(t.eval("java.time.LocalDate.MIN.datesUntil(java.time.LocalDate.MAX).map(java.time.LocalDate::toString)"
                + ".filter(String::isEmpty).count()").outcomes().getLast())
                .isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                        s -> assertThat(s.reason()).matches(AT_A_BUDGET));
        assertThat(t.show("java.time.LocalDate.of(2024, 1, 30).datesUntil(java.time.LocalDate.of(2024, 5, 1),"
                + " java.time.Period.ofMonths(1)).toList().toString()"))
                .containsExactly("==> \"[2024-01-30, 2024-02-29, 2024-03-30, 2024-04-30]\"");
    }

    @Test
    void aJoinWithALongDelimiterIsChargedBeforeTheJdkMakesIt() {
        assertThat(t.eval("String.join(\"-\".repeat(100_000), Collections.nCopies(1000, \"x\"))").outcomes().getLast())
                .isInstanceOfSatisfying(SnippetOutcome.Stopped.class, s -> assertThat(s.reason()).matches(AT_THE_ALLOCATION_BUDGET));
        assertThat(t.show("String.join(\", \", List.of(\"a\", \"b\")) + String.join(\"/\", \"c\", null)"))
                .containsExactly("==> \"a, bc/null\"");
    }

    @Test
    void concatenationGivesTheJdksText() {
        assertThat(t.show("Object o = List.of(1, Map.of(\"k\", Optional.empty())); char[] c = {'a'};"
                + " \"o=\" + o + \" \" + 2 + 'c' + 1.5 + null + (String) null + (c.length)"))
                .last().isEqualTo("==> \"o=[1, {k=Optional.empty}] 2c1.5nullnull1\"");
        assertThat(t.show("String s = \"a\"; s += List.of(2); s + new Object() { public String toString() { return \"!\"; } }"))
                .last().isEqualTo("==> \"a[2]!\"");
    }

    @Test
    void nestedArraysOnSharedStructureAreTheJdksOrStopped() {
        String arrays = "Object[] a = {1}; for (int i = 0; i < 45; i++) { a = new Object[] {a, a}; }"
                + " Object[] b = {1}; for (int i = 0; i < 45; i++) { b = new Object[] {b, b}; }";
        t.eval(arrays);
        int expected = 31 + 1;
        for (int i = 0; i < 45; i++) {
            expected = 31 * (31 + expected) + expected;
        }
        assertThat(t.show("Arrays.deepHashCode(a)")).containsExactly("==> " + expected);
        assertThat(t.show("Arrays.deepEquals(a, b)")).containsExactly("==> true");
        assertThat(t.eval("Arrays.deepToString(a)").outcomes().getLast())
                .isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                        s -> assertThat(s.reason()).matches(AT_THE_ALLOCATION_BUDGET));
        assertThat(t.show("Arrays.deepToString(new Object[] {1, new int[] {2}, new Object[] {List.of(3), null}})"))
                .containsExactly("==> \"[1, [2], [[3], null]]\"");
    }

    @Test
    void smallStructuresGiveTheJdksTextHashAndEquality() {
        String make = "Map<String, Object> m = new TreeMap<>(); m.put(\"a\", List.of(1, 2)); m.put(\"b\", Optional.of(Set.of(3)));"
                + " m.put(\"c\", new AbstractMap.SimpleEntry<>(\"k\", null));";
        t.eval(make);
        Object m = hostMap();
        assertThat(t.show("m.toString()")).containsExactly("==> \"" + m + "\"");
        assertThat(t.show("m.hashCode()")).containsExactly("==> " + m.hashCode());
        assertThat(t.show("\"\" + m.entrySet()")).containsExactly("==> \"" + ((java.util.Map<?, ?>) m).entrySet() + "\"");
        assertThat(t.show("m.equals(new HashMap<>(m))")).containsExactly("==> true");
    }

    private static Object hostMap() {
        java.util.Map<String, Object> m = new java.util.TreeMap<>();
        m.put("a", List.of(1, 2));
        m.put("b", java.util.Optional.of(java.util.Set.of(3)));
        m.put("c", new java.util.AbstractMap.SimpleEntry<>("k", null));
        return m;
    }

    @Test
    void aSnippetSubclassesSuperCallIsWorkedOutAsItsJdkSuperclassDoesIt() {
        t.eval("class Tagged extends ArrayList<Object> { public int hashCode() { return super.hashCode() + 1; }"
                + " public String toString() { return \"T\" + super.toString(); }"
                + " public boolean equals(Object o) { return super.equals(o); } }");
        t.eval("Tagged tagged = new Tagged(); tagged.add(List.of(1)); tagged.add(\"x\");");
        List<Object> same = List.of(List.of(1), "x");
        assertThat(t.show("tagged.hashCode()")).containsExactly("==> " + (same.hashCode() + 1));
        assertThat(t.show("tagged.toString()")).containsExactly("==> \"T" + same + "\"");
        assertThat(t.show("tagged.equals(List.of(List.of(1), \"x\"))")).containsExactly("==> true");
        t.eval(shared("x", 45));
        assertThat(t.show("tagged.add(x); tagged.hashCode() != 0")).last().isEqualTo("==> true");
    }

    @Test
    void aConstructorThatTakesALockObjectIsRefusedAlsoAsASuperCall() {
        String reader = "class H extends java.io.Reader { H(Object l) { super(l); }"
                + " public int read(char[] b, int o, int n) { return -1; } public void close() { } }";
        assertThat(t.only(reader)).isInstanceOfSatisfying(SnippetOutcome.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("new java.io.Reader(Object) is never allowed in snippets"));
        String writer = "class W extends java.io.Writer { W(Object l) { super(l); }"
                + " public void write(char[] b, int o, int n) { } public void flush() { } public void close() { } }";
        assertThat(t.only(writer)).isInstanceOfSatisfying(SnippetOutcome.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo("new java.io.Writer(Object) is never allowed in snippets"));
        // A reader that locks on itself is fine.
        t.eval("class Own extends java.io.Reader { public int read(char[] b, int o, int n) { return -1; }"
                + " public void close() { } }");
        assertThat(t.show("new Own().skip(1)")).containsExactly("==> 0");
    }

    @Test
    void redirectedCallsInsideALoopStillLoop() {
        // Woven code without stack maps had its loop's backward branch placed outside the method by
        // the engine's rewrite that follows ("Detected branch target out of bytecode range").
        assertThat(t.show("boolean m = false; for (int i = 0; i < 3; i++) m = \"a\".matches(\"a\"); m"))
                .containsExactly("m ==> false", "==> true");
        assertThat(t.show("int h = 0; for (int i = 0; i < 3; i++) h += List.of(i).hashCode(); h"))
                .containsExactly("h ==> 0", "==> 96");
        assertThat(t.show("String f = \"\"; for (int i = 0; i < 3; i++) f += List.of(i) + \",\"; f"))
                .containsExactly("f ==> \"\"", "==> \"[0],[1],[2],\"");
        assertThat(t.show("Object o = List.of(1); String g = \"\"; int k = 0; while (k < 2) { g = g + o + k; k++; } g"))
                .containsExactly("o ==> [1]  (Object)", "g ==> \"\"", "k ==> 0", "==> \"[1]0[1]1\"");
    }
}
