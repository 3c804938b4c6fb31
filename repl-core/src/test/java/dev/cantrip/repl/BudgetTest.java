package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link RunBudget}: a stop that {@code catch} and {@code finally} cannot swallow, arrays
 * charged before they are made, call depth, budgets shared by an evaluation's runs, and runs in
 * time slices on a thread of their own (where CPU time is counted).
 */
class BudgetTest {

    private static ReplTesting t;

    @BeforeAll
    static void start() {
        t = new ReplTesting(EngineConfig.builder().poolSize(1).budget(RunBudget.defaults()
                .withWall(Duration.ofMillis(300)).withAllocatedBytes(8L << 20).withCallDepth(50)));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void catchingThrowableDoesNotSwallowTheStop() {
        assertThat(t.show("for (;;) { try { for (;;) { } } catch (Throwable e) { } }"))
                .containsExactly("Stopped: it ran longer than 0.3 s");
        assertThat(t.show("int n = 0; while (true) { try { while (true) { } } catch (Error e) { n++; } }"))
                .last().isEqualTo("Stopped: it ran longer than 0.3 s");
    }

    @Test
    void aFinallyThatLoopsBackDoesNotSwallowTheStop() {
        // javac makes the finally handler cover itself here: a check inside it would catch its own throw.
        assertThat(t.show("for (;;) { try { for (;;) { } } finally { continue; } }"))
                .containsExactly("Stopped: it ran longer than 0.3 s");
        assertThat(t.show("1 + 1")).containsExactly("==> 2");
    }

    @Test
    void arraysAreChargedBeforeTheyAreMade() {
        // The direct runner runs on the session's worker, a platform thread: what ran before counts too.
        assertThat(t.show("long[][] a = new long[1 << 16][1 << 16];")).singleElement().asString()
                .startsWith("Stopped: it asked for 32.0 GiB at once with ").endsWith(" of its 8.0 MiB allocation budget used");
        assertThat(t.show("var big = new int[3 << 20];")).singleElement().asString()
                .startsWith("Stopped: it asked for 12.0 MiB at once with ").endsWith(" of its 8.0 MiB allocation budget used");
        assertThat(t.show("new int[1000].length")).containsExactly("==> 1000");
    }

    @Test
    void anEvaluationsRunsShareOneBudget() {
        List<String> out = t.show("var a = new byte[5 << 20]; var b = new byte[5 << 20];");
        assertThat(out.getLast()).startsWith("Stopped: it asked for 5.0 MiB at once with 5.0 MiB");
        assertThat(t.show("var c = new byte[5 << 20]; c.length")).last().isEqualTo("==> 5242880");
    }

    @Test
    void callDepthIsBounded() {
        t.eval("int depth(int n) { return n == 0 ? 0 : 1 + depth(n - 1); }");
        assertThat(t.show("depth(40)")).containsExactly("==> 40");
        assertThat(t.show("depth(60)")).containsExactly("Stopped: it called methods more than 50 deep (its call depth budget)");
        // Calls that returned or threw are counted out again.
        t.eval("int thrower(int n) { if (n == 0) throw new IllegalStateException(); return thrower(n - 1); }");
        for (int i = 0; i < 5; i++) {
            t.eval("try { thrower(30); } catch (IllegalStateException e) { }");
        }
        assertThat(t.show("depth(45)")).containsExactly("==> 45");
    }

    @Test
    void anExceptionThatIsItsOwnCauseIsShownAndEnds() {
        t.eval("class Ouroboros extends RuntimeException { public Throwable getCause() { return this; } }");
        SnippetOutcome o = t.eval("throw new Ouroboros();").outcomes().getFirst();
        assertThat(o).isInstanceOfSatisfying(SnippetOutcome.Thrown.class, thrown -> {
            assertThat(thrown.failure().type()).isEqualTo("Ouroboros");
            assertThat(thrown.failure().cause()).isNull();
        });
    }

    @Test
    void anExceptionMessageThatNeverReturnsIsStopped() {
        t.eval("class Mute extends RuntimeException { public String getMessage() { for (;;) { } } }");
        assertThat(t.show("throw new Mute();")).containsExactly("Stopped: it ran longer than 0.3 s");
    }

    @Test
    void inSlicesARunGivesBackItsTurnsAndItsCpuTimeIsCounted() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try (ReplTesting sliced = new ReplTesting(EngineConfig.builder().poolSize(0)
                .budget(RunBudget.defaults().withCpu(Duration.ofMillis(400)).withWall(Duration.ofSeconds(30))))) {
            SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> { }, Duration.ofSeconds(30));
            Handoff.value = null;
            var waiting = sliced.session.evaluate(
                    "while (dev.cantrip.repl.Handoff.value == null) { } \"released\"", runner, o -> { });
            Thread.sleep(200);
            // Runs on the "loop" between the snippet's turns: only then can the snippet see it.
            loop.execute(() -> Handoff.value = "go");
            assertThat(waiting.join().outcomes().stream().flatMap(o -> OutcomeText.lines(o).stream()))
                    .containsExactly("==> \"released\"");

            List<String> spun = sliced.session.evaluate("while (true) { }", runner, o -> { }).join().outcomes().stream()
                    .flatMap(o -> OutcomeText.lines(o).stream()).toList();
            assertThat(spun).singleElement().asString()
                    .matches("Stopped: it used 0\\.[4-9] s of CPU time \\(its budget is 0\\.4 s\\)");
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void aTurnStuckInsideTheJdkIsGivenUpAndTheStateMovesToAFreshJShell() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        Object monitor = new Object();
        try (ReplTesting sliced = new ReplTesting(EngineConfig.builder().poolSize(0))) {
            SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> { }, Duration.ofMillis(500));
            sliced.eval("int kept = 7;");
            Handoff.value = monitor;
            List<String> out;
            synchronized (monitor) {
                // Blocks inside the JVM, where no check runs and an interrupt does not reach.
                out = sliced.session.evaluate("synchronized (dev.cantrip.repl.Handoff.value) { } \"late\"", runner,
                        o -> { }).join().outcomes().stream().flatMap(o -> OutcomeText.lines(o).stream()).toList();
                // The "loop" is free again while the run is still stuck.
                assertThat(loop.submit(() -> "free").get()).isEqualTo("free");
            }
            assertThat(out).first().asString().startsWith("Stopped: it was still running inside the JDK after 0.5 s");
            assertThat(sliced.show("kept + 1")).containsExactly("==> 8");
            assertThat(sliced.printed).contains("[Your Java state was moved to a fresh JShell because a run got stuck"
                    + " inside the JDK.]");
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void constantsTheCompilerWouldFoldIntoAHugeStringAreRefusedBeforeItDoes() {
        StringBuilder bomb = new StringBuilder("int bomb() { final String a0 = \"0123456789\";");
        for (int i = 1; i <= 8; i++) {
            bomb.append(" final String a").append(i).append(" = ");
            for (int k = 0; k < 10; k++) {
                bomb.append(k == 0 ? "" : " + ").append("a").append(i - 1);
            }
            bomb.append(";");
        }
        bomb.append(" return a8.length(); }");
        assertThat(t.show(bomb.toString())).singleElement().asString().startsWith(
                "Rejected: its constants would be folded by the compiler into a string of about 1,000,000,000 characters");
        assertThat(t.show("final String small = \"ab\" + \"cd\"; small + small")).last().isEqualTo("==> \"abcdabcd\"");
        // Built on another class's constant, with no literal of its own: the same.
        StringBuilder fromJdk = new StringBuilder("int b() { final String c0 = java.util.jar.JarFile.MANIFEST_NAME;");
        for (int i = 1; i <= 8; i++) {
            fromJdk.append(" final String c").append(i).append(" = c").append(i - 1).append((" + c" + (i - 1)).repeat(9))
                    .append(";");
        }
        assertThat(t.show(fromJdk.append(" return c8.length(); }").toString())).singleElement().asString()
                .startsWith("Rejected: its constants would be folded by the compiler");
    }

    @Test
    void theJvmsOwnErrorsEndTheRunInsteadOfBeingHandled() {
        // The recursion is all in JDK frames (not counted); a snippet that could catch the overflow
        // would go on with no stack left, where a class initializer it touches breaks for good.
        List<String> out = t.show("Object o = 1; for (int i = 0; i < 200_000; i++) o = List.of(o);"
                + " try { o.hashCode(); } catch (StackOverflowError e) { System.out.println(\"caught\"); }");
        assertThat(out).last().isEqualTo("Stopped: it overflowed the thread's stack (deep recursion inside JDK code,"
                + " where only snippet calls are counted)");
        assertThat(t.printed).doesNotContain("caught");
    }
}
