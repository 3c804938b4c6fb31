package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static ReplTesting t;

    @BeforeAll
    static void start() {
        t = new ReplTesting();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void anExpressionShowsItsValue() {
        assertThat(t.show("1 + 1")).containsExactly("==> 2");
        assertThat(t.show("List.of(1, 2)")).containsExactly("==> [1, 2]  (List<Integer>)");
    }

    @Test
    void severalSnippetsOnOneLineRunInOrder() {
        Evaluation e = t.eval("int a = 2; int b = 3; a * b");
        assertThat(e.outcomes()).hasSize(3);
        assertThat(e.outcomes().get(2)).isEqualTo(new SnippetOutcome.Value("a * b", "6", "int"));
        assertThat(t.show("a + b")).containsExactly("==> 5");
    }

    @Test
    void bindingsAreTheLiveHostObjects() {
        t.eval("self.msg(\"hello\")");
        assertThat(t.player.heard()).contains("hello");
        assertThat(t.show("self.name()")).containsExactly("==> \"Tester\"");
    }

    @Test
    void bindingsAreReadEachTimeCodeRuns() {
        t.player.moveTo("Kitchen");
        assertThat(t.show("room")).containsExactly("==> \"Kitchen\"");
        t.player.moveTo("Hall");
        assertThat(t.show("room")).containsExactly("==> \"Hall\"");
    }

    @Test
    void aMethodDeclaredOnceIsUsedLater() {
        assertThat(t.show("String greet(Player p) { return \"Hi \" + p.name(); }"))
                .containsExactly("created method greet(Player)");
        assertThat(t.show("greet(self)")).containsExactly("==> \"Hi Tester\"");
        assertThat(t.show("String greet(Player p) { return \"Hello \" + p.name(); }"))
                .containsExactly("replaced method greet(Player)");
        assertThat(t.show("shout(\"hey\")")).containsExactly("==> \"HEY!\"");
    }

    @Test
    void aCompileErrorIsPlacedWithACaret() {
        List<String> lines = t.show("self.nmae()");
        assertThat(lines.getFirst()).startsWith("Error: cannot find symbol");
        assertThat(lines).contains("  symbol:   method nmae()", "  self.nmae()", "  ^-------^");
    }

    @Test
    void anExceptionShowsTypeMessageAndTheSnippetFrames() {
        t.eval("int divide(int x) {\n  return 10 / x;\n}");
        List<String> lines = t.show("divide(0)");
        assertThat(lines.getFirst()).isEqualTo("java.lang.ArithmeticException: / by zero");
        assertThat(lines.get(1)).matches("    at divide \\(#\\d+:2\\)");
        assertThat(lines).noneMatch(l -> l.contains("reflect") || l.contains("dev.cantrip.repl.RunContext"));
    }

    @Test
    void hostFramesThatMatterAreKept() {
        List<String> lines = t.show("self.moveTo(\" \")");
        assertThat(lines.getFirst()).isEqualTo("java.lang.IllegalArgumentException: there is no such room");
        assertThat(lines.get(1)).startsWith("    at dev.cantrip.repl.Player.moveTo(Player.java:");
    }

    @Test
    void printedOutputGoesToTheSessionNotTheConsole() throws InterruptedException {
        t.printed.clear();
        t.eval("System.out.println(\"to out\"); System.err.println(\"to err\"); System.out.printf(\"%d%n\", 42)");
        t.eval("List.of(\"a\", \"b\").forEach(System.out::println)");
        t.eval("new RuntimeException(\"traced\").printStackTrace()");
        t.eval("List.of(new IllegalStateException(\"by reference\")).forEach(Throwable::printStackTrace)");
        assertThat(t.printed).startsWith("to out", "to err", "42", "a", "b", "java.lang.RuntimeException: traced");
        assertThat(t.printed).contains("java.lang.IllegalStateException: by reference");
    }

    @Test
    void snippetCodeCalledByTheHostOutsideARunIsRefusedNotRunWithoutABudget() throws Exception {
        t.printed.clear();
        t.eval("Runnable later = () -> { System.out.println(\"from the callback\"); while (true) { } }");
        t.eval("var holder = new Object[] { later }");
        Runnable later = (Runnable) ((Object[]) fieldOf("holder"))[0];
        // The host calls the snippet's lambda later, on its own thread, with no run in progress.
        Throwable[] thrown = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                later.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "host-thread");
        other.start();
        other.join(10_000);

        assertThat(other.isAlive()).isFalse();
        assertThat(thrown[0]).hasMessageContaining("snippet code can only run inside a run of its own session")
                .hasMessageContaining("host-thread");
        assertThat(t.printed).doesNotContain("from the callback");
        assertThat(t.show("1 + 1")).containsExactly("==> 2");
    }

    private static Object fieldOf(String name) throws Exception {
        // Reach the value through a binding-free route: a snippet hands it to a static host field.
        t.eval("dev.cantrip.repl.Handoff.value = " + name);
        return Handoff.value;
    }

    @Test
    void aRunawayLoopIsStopped() {
        try (ReplTesting fast = new ReplTesting(EngineConfig.builder().budget(RunBudget.defaults().withWall(Duration.ofMillis(200))))) {
            assertThat(fast.show("while (true) { }")).containsExactly("Stopped: it ran longer than 0.2 s");
            assertThat(fast.show("1 + 1")).containsExactly("==> 2");
        }
    }

    @Test
    void hugeValuesAreCutWithANote() {
        assertThat(t.show("java.util.stream.IntStream.range(0, 10_000).boxed().toList()").getFirst())
                .endsWith(", 49, ... 9,950 more]  (List<Integer>)");
        assertThat(t.show("\"x\".repeat(100_000)").getFirst()).contains("more chars");
    }

    @Test
    void codeWhoseStackMapsNeedTheUsersOwnClassesRuns() {
        // The rewriter recomputes stack maps: it must find the common supertype of two snippet classes.
        t.eval("class Animal { String noise() { return \"...\"; } }");
        t.eval("class Dog extends Animal { String noise() { return \"woof\"; } }");
        t.eval("class Cat extends Animal { String noise() { return \"meow\"; } }");
        assertThat(t.show("Animal pick(boolean dog) { return dog ? new Dog() : new Cat(); }"))
                .containsExactly("created method pick(boolean)");
        assertThat(t.show("pick(false).noise()")).containsExactly("==> \"meow\"");
        t.eval("class Oops1 extends RuntimeException { } class Oops2 extends RuntimeException { }");
        assertThat(t.show("try { throw new Oops1(); } catch (Oops1 | Oops2 e) { \"caught \" + e.getClass().getSimpleName(); }"))
                .doesNotContain("Rejected");
    }

    @Test
    void stackTracesOfTheUsersOwnExceptionsAndDumpStackReachTheSession() {
        t.printed.clear();
        t.eval("class MyTrouble extends Exception { MyTrouble() { super(\"mine\"); } }");
        t.eval("new MyTrouble().printStackTrace()");
        t.eval("class Loud extends Exception { public void printStackTrace() { super.printStackTrace(); } }");
        t.eval("new Loud().printStackTrace()");
        t.eval("Thread.dumpStack()");
        assertThat(t.printed).anyMatch(l -> l.contains("MyTrouble: mine"))
                .anyMatch(l -> l.contains("Loud"))
                .anyMatch(l -> l.contains("java.lang.Exception: Stack trace"));
    }

    @Test
    void aRunBlockedInsideTheJdkIsInterruptedAfterTheLimit() {
        try (ReplTesting fast = new ReplTesting(EngineConfig.builder().budget(RunBudget.defaults().withWall(Duration.ofMillis(200))))) {
            long start = System.nanoTime();
            assertThat(fast.eval("Thread.sleep(20_000)").outcomes()).singleElement()
                    .isInstanceOfAny(SnippetOutcome.Thrown.class, SnippetOutcome.Stopped.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(fast.show("1 + 1")).containsExactly("==> 2");
        }
    }

    @Test
    void theTimeLimitIsForTheWholeInputAndTheRestIsNotRun() {
        try (ReplTesting fast = new ReplTesting(EngineConfig.builder().budget(RunBudget.defaults().withWall(Duration.ofMillis(300))))) {
            long start = System.nanoTime();
            List<SnippetOutcome> out = fast.eval("while (true) { } while (true) { } while (true) { }").outcomes();
            assertThat(out).hasSize(2).allMatch(o -> o instanceof SnippetOutcome.Stopped);
            assertThat(((SnippetOutcome.Stopped) out.get(1)).reason()).contains("not run");
            // Two loops of two thirds of the limit each in one input: together they pass it.
            // Each loop is one snippet that takes its own deadline as it starts: a deadline declared in
            // a snippet before it could pass while the loop's snippet is compiled on a loaded machine.
            List<SnippetOutcome> split = fast.eval("for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) { }"
                    + " for (long end = System.nanoTime() + 200_000_000L; System.nanoTime() < end; ) { }").outcomes();
            assertThat(split).anyMatch(o -> o instanceof SnippetOutcome.Stopped);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void anUnclosedCommentIsReported() {
        assertThat(t.show("/* never closed").getFirst()).startsWith("Error: the input ends before it is complete");
    }

    @Test
    void incompleteInputIsReportedByTheCompiler() {
        assertThat(t.show("void f() {").getFirst()).startsWith("Error: ");
    }
}
