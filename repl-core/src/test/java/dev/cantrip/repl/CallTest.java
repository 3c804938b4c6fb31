package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplEngine#call}: snippet code kept by the host (a lambda handed over for later) runs as a
 * run of its own, with its instance's bindings, its output and a budget, beside other runs of the
 * same instance; outside every run it is refused.
 */
class CallTest {

    private static final RunBudget SMALL = RunBudget.defaults().withWall(Duration.ofMillis(300)).withCallDepth(50);
    private static ReplTesting t;

    @BeforeAll
    static void start() {
        t = new ReplTesting(EngineConfig.builder().poolSize(1).budget(SMALL));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** Evaluates {@code code}, which leaves a lambda in {@link Handoff#value}, and returns it. */
    private static Object kept(String code) {
        Handoff.value = null;
        List<String> out = t.show(code);
        assertThat(Handoff.value).as("what %s left (%s)", code, out).isNotNull();
        return Handoff.value;
    }

    private static CallOutcome<Object> callOnce(Object lambda, SnippetRunner runner) {
        @SuppressWarnings("unchecked")
        Supplier<Object> s = (Supplier<Object>) lambda;
        return t.engine.call(lambda, s::get, runner, SMALL).outcome().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void aKeptLambdaReturnsPrintsAndSeesItsBindingsAsTheyAreNow() {
        Object lambda = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> {"
                + " System.out.println(\"called in \" + room); return self.name(); };");
        t.player.moveTo("Garden");
        try {
            assertThat(callOnce(lambda, SnippetRunner.direct())).isEqualTo(new CallOutcome.Returned<>("Tester"));
            assertThat(t.printed).contains("called in Garden");
        } finally {
            t.player.moveTo("Hall");
        }
    }

    @Test
    void snippetCodeCalledOutsideEveryRunIsRefused() {
        @SuppressWarnings("unchecked")
        Supplier<String> s = (Supplier<String>) kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> \"x\";");
        assertThatThrownBy(s::get).isInstanceOf(RunGuard.OutsideRunError.class)
                .hasMessageContaining("snippet code can only run inside a run");
        assertThat(callOnce(s, SnippetRunner.direct())).isEqualTo(new CallOutcome.Returned<>("x"));
    }

    @Test
    void aKeptLambdaThatThrowsEndsAsThrownWithItsSnippetFrame() {
        Object lambda = kept("class Oops extends RuntimeException { Oops() { super(\"no luck\"); } }\n"
                + "dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> { throw new Oops(); };");
        assertThat(callOnce(lambda, SnippetRunner.direct())).isInstanceOfSatisfying(CallOutcome.Threw.class, threw -> {
            assertThat(threw.failure().type()).isEqualTo("Oops");
            assertThat(threw.failure().message()).isEqualTo("no luck");
            assertThat(threw.failure().frames()).isNotEmpty();
            assertThat(threw.failure().frames().getFirst().getClassName()).startsWith("REPL.");
        });
    }

    @Test
    void aKeptLambdaIsHeldToItsBudget() {
        Object spinner = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> { for (;;) { } };");
        assertThat(callOnce(spinner, SnippetRunner.direct()))
                .isEqualTo(new CallOutcome.Stopped<>("it ran longer than 0.3 s"));
        t.eval("int deep(int n) { return n == 0 ? 0 : 1 + deep(n - 1); }");
        Object deep = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<Integer>) () -> deep(500);");
        assertThat(callOnce(deep, SnippetRunner.direct()))
                .isEqualTo(new CallOutcome.Stopped<>("it called methods more than 50 deep (its call depth budget)"));
        Object shallow = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<Integer>) () -> deep(40);");
        assertThat(callOnce(shallow, SnippetRunner.direct())).isEqualTo(new CallOutcome.Returned<>(40));
    }

    @Test
    void aCallCanBeStopped() {
        Object spinner = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> { for (;;) { } };");
        @SuppressWarnings("unchecked")
        Supplier<Object> s = (Supplier<Object>) spinner;
        Call<Object> call = t.engine.call(spinner, s::get, SnippetRunner.direct(),
                RunBudget.defaults().withWall(Duration.ofSeconds(30)));
        call.stop("its owner cancelled it");
        assertThat(call.outcome().orTimeout(10, TimeUnit.SECONDS).join())
                .isEqualTo(new CallOutcome.Stopped<>("its owner cancelled it"));
    }

    @Test
    void callsRunBesideAnEvaluationOfTheSameInstanceEachWithItsOwnDepthAndOutput() throws Exception {
        t.eval("int deep(int n) { return n == 0 ? 0 : 1 + deep(n - 1); }");
        Object lambda = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<Integer>) () -> {"
                + " int sum = 0; for (int i = 0; i < 200; i++) { sum += deep(45); System.out.print(\"c\"); }"
                + " System.out.println(); return sum; };");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // An evaluation at depth 45 and three calls at depth 45 at once: with one shared counter
            // they would pass the budget of 50; with one counter per run none does.
            CompletableFuture<Evaluation> eval = t.session.evaluate(
                    "int total = 0; for (int i = 0; i < 200; i++) { total += deep(45); System.out.print(\"e\"); }"
                            + " System.out.println(); total",
                    SnippetRunner.on(pool), o -> { });
            List<CompletableFuture<CallOutcome<Object>>> calls = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> {
                        @SuppressWarnings("unchecked")
                        Supplier<Object> s = (Supplier<Object>) lambda;
                        return t.engine.call(lambda, s::get, SnippetRunner.on(pool),
                                RunBudget.defaults().withCallDepth(50)).outcome();
                    }).toList();
            for (CompletableFuture<CallOutcome<Object>> c : calls) {
                assertThat(c.get(20, TimeUnit.SECONDS)).isEqualTo(new CallOutcome.Returned<>(200 * 45));
            }
            assertThat(eval.get(20, TimeUnit.SECONDS).outcomes().stream()
                    .flatMap(o -> OutcomeText.lines(o).stream())).contains("==> 9000");
            // Each run's half-printed line stays its own.
            assertThat(t.printed).contains("e".repeat(200)).contains("c".repeat(200));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeptLambdaStillRunsAfterItsSessionMovedToAFreshJShell() {
        Object lambda = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> shout(room);");
        t.session.reset().join(); // the instance that made the lambda is closed
        assertThat(callOnce(lambda, SnippetRunner.direct())).isEqualTo(new CallOutcome.Returned<>("HALL!"));
    }

    @Test
    void aRunThatWaitsGivesItsTurnsBackIsNotChargedForTheWaitAndEachStepHasTheWholeBudget() throws Exception {
        ExecutorService loop = Executors.newSingleThreadExecutor();
        try {
            RunBudget budget = RunBudget.defaults().withCpu(Duration.ofMillis(300)).withWall(Duration.ofMillis(400));
            SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> { }, Duration.ofSeconds(5));
            t.eval("void spin(long ms) { long end = System.nanoTime() + ms * 1_000_000; while (System.nanoTime() < end) { } }");
            Object flow = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> {"
                    + " spin(200); String a; try { a = dev.cantrip.repl.Waits.next(); } catch (Exception e) { a = \"?\"; }"
                    + " spin(200); return a + \"!\"; };");
            Waits.next = new CompletableFuture<>();
            @SuppressWarnings("unchecked")
            Supplier<Object> s = (Supplier<Object>) flow;
            Call<Object> call = t.engine.call(flow, s::get, runner, budget);
            Thread.sleep(700); // longer than the wall budget: waiting is not charged
            // The "loop" is free while the run waits.
            assertThat(loop.submit(() -> "free").get(5, TimeUnit.SECONDS)).isEqualTo("free");
            assertThat(call.outcome()).isNotDone();
            Waits.next.complete("answer");
            // 400 ms of CPU in all, 200 ms a step: within a 300 ms budget per step.
            assertThat(call.outcome().get(10, TimeUnit.SECONDS)).isEqualTo(new CallOutcome.Returned<>("answer!"));

            // Without a wait between them, the spins are one step, past both budgets: stopped at
            // whichever it meets first (under load a 400 ms spin may use less than 300 ms of CPU, so a
            // spin that just reached the wall budget would race it).
            Object greedy = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> {"
                    + " spin(200); spin(1800); return \"never\"; };");
            @SuppressWarnings("unchecked")
            Supplier<Object> g = (Supplier<Object>) greedy;
            assertThat(t.engine.call(greedy, g::get, runner, budget).outcome().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(CallOutcome.Stopped.class);

            // A wait that fails (a flow cancelled) throws into the snippet, whose own code goes on.
            Waits.next = new CompletableFuture<>();
            Call<Object> cancelled = t.engine.call(flow, s::get, runner, budget);
            Thread.sleep(300);
            Waits.next.completeExceptionally(new IllegalStateException("cancelled"));
            assertThat(cancelled.outcome().get(10, TimeUnit.SECONDS)).isEqualTo(new CallOutcome.Returned<>("?!"));
        } finally {
            loop.shutdownNow();
        }
    }

    @Test
    void aCallAfterTheEngineStoppedIsStoppedAtOnce() {
        try (ReplTesting other = new ReplTesting(EngineConfig.builder().poolSize(0))) {
            other.engine.close();
            Call<Object> call = other.engine.call(null, () -> "x", SnippetRunner.direct(), RunBudget.defaults());
            assertThat(call.outcome().join()).isEqualTo(new CallOutcome.Stopped<>("the Java engine has stopped"));
        }
    }
}
