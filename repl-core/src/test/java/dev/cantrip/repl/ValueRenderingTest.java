package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How values look through {@code evaluate}: nulls, characters, arrays, maps, nested collections, and
 * values whose {@code toString()} throws or never returns.
 */
final class ValueRenderingTest {

    private static ReplTesting t;

    @BeforeAll
    static void start() {
        // A short limit so the looping toString() is stopped quickly; plain values run in microseconds.
        t = new ReplTesting(EngineConfig.builder().poolSize(1).budget(RunBudget.defaults().withWall(Duration.ofMillis(300))));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void nullIsShownAsNullWithItsStaticType() {
        assertThat(value("null")).isEqualTo(new SnippetOutcome.Value("null", "null", "Object"));
        assertThat(value("(String) null")).isEqualTo(new SnippetOutcome.Value("(String) null", "null", "String"));
    }

    @Test
    void charactersAreQuotedAndEscaped() {
        assertThat(value("'a'").value()).isEqualTo("'a'");
        assertThat(value("'\\n'").value()).isEqualTo("'\\n'");
        assertThat(value("(char) 7").value()).isEqualTo("'\\u0007'");
        assertThat(value("\"tab\\there \\\"quoted\\\"\"").value()).isEqualTo("\"tab\\there \\\"quoted\\\"\"");
    }

    @Test
    void arraysShowTheirTypeLengthAndElements() {
        assertThat(value("new int[]{1,2,3}")).isEqualTo(
                new SnippetOutcome.Value("new int[]{1,2,3}", "int[3] { 1, 2, 3 }", "int[]"));
        assertThat(value("new String[0]").value()).isEqualTo("String[0] {}");
        assertThat(value("new String[] { \"a\", null }").value()).isEqualTo("String[2] { \"a\", null }");
        assertThat(value("new char[] { 'x' }").value()).isEqualTo("char[1] { 'x' }");
        assertThat(value("new int[][] { {1}, {2, 3} }").value())
                .isEqualTo("int[][2] { int[1] { 1 }, int[2] { 2, 3 } }");
        // Beyond the element limit (50 by default) the rest is counted, not shown.
        assertThat(value("new int[60]").value()).startsWith("int[60] { 0, 0,").endsWith(", 0, ... 10 more }");
    }

    @Test
    void mapsShowTheirEntries() {
        assertThat(value("new TreeMap<>(Map.of(\"a\", 1, \"b\", 2))").value()).isEqualTo("{\"a\"=1, \"b\"=2}");
        assertThat(value("Map.of()").value()).isEqualTo("{}");
        assertThat(value("new TreeMap<>(Map.of(1, List.of('x')))").value()).isEqualTo("{1=['x']}");
    }

    @Test
    void nestedCollectionsAreWalkedToAFixedDepth() {
        assertThat(value("List.of(List.of(1, 2), List.of())").value()).isEqualTo("[[1, 2], []]");
        assertThat(value("List.of(Set.of(\"s\"))").value()).isEqualTo("[[\"s\"]]");
        // Below four levels a collection is named and counted, never walked or turned into text.
        assertThat(value("List.of(List.of(List.of(List.of(List.of(\"x\")))))").value()).isEqualTo("[[[[(List of 1)]]]]");
    }

    @Test
    void aToStringThatThrowsIsReportedAsThrown() {
        t.eval("class Sulky { public String toString() { throw new IllegalStateException(\"not today\"); } }");

        SnippetOutcome o = t.eval("new Sulky()").outcomes().getFirst();

        assertThat(o).isInstanceOfSatisfying(SnippetOutcome.Thrown.class, thrown -> {
            assertThat(thrown.failure().type()).isEqualTo("java.lang.IllegalStateException");
            assertThat(thrown.failure().message()).isEqualTo("not today");
            assertThat(thrown.failure().frames()).anyMatch(f -> f.getMethodName().equals("toString"));
        });
        assertThat(t.show("1 + 1")).containsExactly("==> 2");
    }

    @Test
    void aToStringThatRecursesForEverIsStoppedAtTheCallDepthBudget() {
        t.eval("class Mirror { public String toString() { return toString(); } }");

        SnippetOutcome o = t.eval("new Mirror()").outcomes().getFirst();

        assertThat(o).isEqualTo(new SnippetOutcome.Stopped("new Mirror()",
                "it called methods more than 1,000 deep (its call depth budget)"));
    }

    @Test
    void aToStringThatThrowsAnErrorIsReportedAsThrown() {
        t.eval("class Strict { public String toString() { throw new AssertionError(\"never shown\"); } }");

        SnippetOutcome o = t.eval("new Strict()").outcomes().getFirst();

        assertThat(o).isInstanceOfSatisfying(SnippetOutcome.Thrown.class,
                thrown -> assertThat(thrown.failure().type()).isEqualTo("java.lang.AssertionError"));
    }

    @Test
    void aToStringThatNeverReturnsIsStopped() {
        t.eval("class Endless { public String toString() { while (true) { } } }");

        assertThat(t.eval("new Endless()").outcomes()).containsExactly(
                new SnippetOutcome.Stopped("new Endless()", "it ran longer than 0.3 s"));
        assertThat(t.show("1 + 1")).containsExactly("==> 2");
    }

    @Test
    void deepNestingShowsAPlaceholderNotTheWholeToString() {
        t.eval("var huge = java.util.stream.IntStream.range(0, 100_000).boxed().toList()");
        String shown = value("List.of(List.of(List.of(List.of(huge))))").value();
        assertThat(shown).isEqualTo("[[[[(List of 100,000)]]]]").hasSizeLessThan(100);
    }

    @Test
    void aContainerHoldingItselfIsShownAsACycle() {
        t.eval("var l = new ArrayList<Object>(); l.add(1); l.add(l);");
        assertThat(value("l").value())
                .isEqualTo("[1, (this ArrayList)]");
    }

    @Test
    void aToStringReturningNullIsShownAsNull() {
        assertThat(value("new Object() { public String toString() { return null; } }").value()).isEqualTo("null");
    }

    @Test
    void halfASurrogatePairIsEscaped() {
        assertThat(value("\"a\\uD800b\"").value()).isEqualTo("\"a\\ud800b\"");
        assertThat(value("\"\\uD83D\\uDE00\"").value()).isEqualTo("\"\uD83D\uDE00\"");
    }

    private static SnippetOutcome.Value value(String expression) {
        SnippetOutcome o = t.eval(expression).outcomes().getFirst();
        assertThat(o).as("the outcome of %s", expression).isInstanceOf(SnippetOutcome.Value.class);
        return (SnippetOutcome.Value) o;
    }
}
