package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs stuck inside a JDK call, where no check reaches: a turn is revoked after the runner's turn
 * wait (the turn-giver goes on, the run waits for a new turn at its next check), the run is given
 * up only once stuck for its whole maximum, and a call on the host's own executor is given up a
 * grace after its stop. Each run here blocks on a monitor the test holds: it is stuck exactly as
 * long as the test says, and the events are observed, not timed.
 */
public class StuckRunTest {

    private static ReplTesting t;
    private ExecutorService loop;
    private volatile Thread lentTo;

    /** Whether the calling thread is the one the "loop" is lent to now: read by the snippets. */
    public static final class Probe {
        static volatile StuckRunTest test;

        private Probe() {}

        public static boolean lentToMe() {
            return test.lentTo == Thread.currentThread();
        }

        /** Host code that touches the "loop"'s state: as the game's world objects do, it asks for a turn first. */
        public static boolean touch() {
            return lentToMe() || Checkpoint.reclaimTurn() && lentToMe();
        }
    }

    @BeforeAll
    static void start() {
        t = new ReplTesting(EngineConfig.builder().poolSize(1));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @BeforeEach
    void loop() {
        loop = Executors.newSingleThreadExecutor();
        Probe.test = this;
    }

    @AfterEach
    void stopLoop() {
        loop.shutdownNow();
    }

    private static List<String> lines(Evaluation e) {
        return e.outcomes().stream().flatMap(o -> OutcomeText.lines(o).stream()).toList();
    }

    @Test
    void aTurnStuckInTheJdkIsRevokedAndTheRunWaitsForANewTurnAtItsNextCheck() throws Exception {
        CompletableFuture<CompletableFuture<Void>> givenUp = new CompletableFuture<>();
        SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> lentTo = thread, Duration.ofSeconds(60),
                Duration.ofMillis(100), givenUp::complete);
        Object monitor = new Object();
        Handoff.value = monitor;
        CompletableFuture<Evaluation> run;
        synchronized (monitor) {
            // Blocks inside the JVM; after it, a loop (a check on its back branch) and the probe.
            STARTED = new CompletableFuture<>();
            // One method, so one run: the loop can run nothing else between its start and the stuck call.
            t.eval("boolean stuckThenLoop() { dev.cantrip.repl.StuckRunTest.STARTED.complete(null);"
                    + " synchronized (dev.cantrip.repl.Handoff.value) { }"
                    + " int n = 0; for (int i = 0; i < 1000; i++) n += i;"
                    + " return dev.cantrip.repl.StuckRunTest.Probe.lentToMe(); }");
            run = t.session.evaluate("stuckThenLoop()", runner, o -> { });
            STARTED.get(30, TimeUnit.SECONDS); // its turn has begun
            // The "loop" goes on while the run is still stuck (its turn was revoked, not given up:
            // the run's maximum is a minute), and lends itself to nobody meanwhile.
            assertThat(loop.submit(() -> lentTo).get(30, TimeUnit.SECONDS)).isNull();
            assertThat(run).isNotDone();
        }
        // Back from the JDK, the run ran its snippet code only with a new turn, the loop lent to it.
        assertThat(lines(run.get(30, TimeUnit.SECONDS))).last().isEqualTo("==> true");
        assertThat(givenUp).isNotDone();
        assertThat(t.show("1 + 1")).containsExactly("==> 2");
    }

    @Test
    void hostCodeReachedAfterARevokedTurnBeforeAnyCheckWaitsForANewTurn() throws Exception {
        SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> lentTo = thread, Duration.ofSeconds(60),
                Duration.ofMillis(100), left -> { });
        Object monitor = new Object();
        Handoff.value = monitor;
        CompletableFuture<Evaluation> run;
        synchronized (monitor) {
            STARTED = new CompletableFuture<>();
            // No check between the stuck call and the host call: only the host code's own request.
            t.eval("boolean stuckThenTouch() { dev.cantrip.repl.StuckRunTest.STARTED.complete(null);"
                    + " synchronized (dev.cantrip.repl.Handoff.value) { } return dev.cantrip.repl.StuckRunTest.Probe.touch(); }");
            run = t.session.evaluate("stuckThenTouch()", runner, o -> { });
            STARTED.get(30, TimeUnit.SECONDS);
            assertThat(loop.submit(() -> lentTo).get(30, TimeUnit.SECONDS)).isNull(); // revoked
        }
        assertThat(lines(run.get(30, TimeUnit.SECONDS))).last().isEqualTo("==> true");
    }

    @Test
    void aTurnStuckUnderHostCodeIsNotRevokedButGivenUpAfterItsMaximum() throws Exception {
        CompletableFuture<CompletableFuture<Void>> givenUp = new CompletableFuture<>();
        // A second to get into the host code (loaded beforehand) before the turn is looked at.
        SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> lentTo = thread, Duration.ofSeconds(3),
                Duration.ofSeconds(1), givenUp::complete);
        CompletableFuture<Evaluation> run;
        CompletableFuture<Boolean> seenByLoop;
        dev.cantrip.hostcode.HostCode.hasTurn = Probe::lentToMe;
        assertThat(t.show("dev.cantrip.hostcode.HostCode.MONITOR != null")).last().isEqualTo("==> true");
        synchronized (dev.cantrip.hostcode.HostCode.MONITOR) {
            STARTED = new CompletableFuture<>();
            run = t.session.evaluate("dev.cantrip.repl.StuckRunTest.STARTED.complete(null)"
                    + " && dev.cantrip.hostcode.HostCode.blockOn()", runner, o -> { });
            STARTED.get(30, TimeUnit.SECONDS);
            // Host code is in progress: the "loop" keeps waiting for the turn (no revocation at 1 s),
            // until the run's whole maximum has passed; then it is given up and the loop goes on.
            seenByLoop = CompletableFuture.supplyAsync(givenUp::isDone, loop);
            List<String> out = lines(run.get(30, TimeUnit.SECONDS));
            assertThat(out).last().asString()
                    .startsWith("Stopped: it was still running inside the JDK after 3 s, where it cannot be stopped");
            // The loop's next piece of work ran only after the give-up (a revoked turn would have let it run at once).
            assertThat(seenByLoop.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRunStillStuckItsWholeMaximumIsGivenUpAndItsThreadReportedWhenOut() throws Exception {
        CompletableFuture<CompletableFuture<Void>> givenUp = new CompletableFuture<>();
        SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> lentTo = thread, Duration.ofMillis(600),
                Duration.ofMillis(100), givenUp::complete);
        Object monitor = new Object();
        Handoff.value = monitor;
        CompletableFuture<Void> left;
        synchronized (monitor) {
            List<String> out = lines(t.session.evaluate("synchronized (dev.cantrip.repl.Handoff.value) { } \"late\"",
                    runner, o -> { }).get(30, TimeUnit.SECONDS));
            assertThat(out).first().asString()
                    .startsWith("Stopped: it was still running inside the JDK after 0.6 s, where it cannot be stopped");
            left = givenUp.get(30, TimeUnit.SECONDS);
            assertThat(left).isNotDone(); // its thread is still inside, waiting for the monitor
        }
        left.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aCallOnTheHostsExecutorStuckPastItsWallBudgetIsGivenUpAndLeftCompletesWhenItsThreadIsOut() throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor();
        try {
            RunBudget budget = RunBudget.defaults().withWall(Duration.ofMillis(200));
            Object lambda = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> {"
                    + " synchronized (dev.cantrip.repl.StuckRunTest.MONITOR) { } return \"out\"; };");
            @SuppressWarnings("unchecked")
            Supplier<Object> s = (Supplier<Object>) lambda;
            Call<Object> call;
            synchronized (MONITOR) {
                call = t.engine.call(lambda, s::get, host, budget);
                CallOutcome<Object> outcome = call.outcome().get(30, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Stopped.class, st -> assertThat(st.reason())
                        .startsWith("it ran longer than 0.2 s; it was still running inside the JDK ")
                        .endsWith("later, where it cannot be stopped, and was given up"));
                assertThat(call.left()).isNotDone();
            }
            call.left().get(30, TimeUnit.SECONDS);
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void aStoppedCallOnTheHostsExecutorIsGivenUpAGraceLaterAndOneStillQueuedAtOnce() throws Exception {
        ExecutorService host = Executors.newSingleThreadExecutor();
        try {
            RunBudget budget = RunBudget.defaults().withWall(Duration.ofMinutes(5));
            Object lambda = kept("dev.cantrip.repl.Handoff.value = (java.util.function.Supplier<String>) () -> {"
                    + " dev.cantrip.repl.StuckRunTest.STARTED.complete(null);"
                    + " synchronized (dev.cantrip.repl.StuckRunTest.MONITOR) { } return \"out\"; };");
            @SuppressWarnings("unchecked")
            Supplier<Object> s = (Supplier<Object>) lambda;
            Call<Object> stuck;
            Call<Object> queued;
            synchronized (MONITOR) {
                STARTED = new CompletableFuture<>();
                stuck = t.engine.call(lambda, s::get, host, budget);
                queued = t.engine.call(lambda, s::get, host, budget);
                STARTED.get(30, TimeUnit.SECONDS); // the first is running (and stuck); the second waits behind it
                queued.stop("it was cancelled");
                assertThat(queued.outcome().get(30, TimeUnit.SECONDS))
                        .isEqualTo(new CallOutcome.Stopped<>("it was cancelled"));
                assertThat(queued.left()).isDone();
                stuck.stop("it was cancelled");
                assertThat(stuck.outcome().get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(CallOutcome.Stopped.class,
                        st -> assertThat(st.reason()).startsWith("it was cancelled; it was still running inside the JDK"));
                assertThat(stuck.left()).isNotDone();
            }
            stuck.left().get(30, TimeUnit.SECONDS);
        } finally {
            host.shutdownNow();
        }
    }

    /** Completed by a snippet when its run has begun. */
    public static volatile CompletableFuture<Void> STARTED = new CompletableFuture<>();

    /** What the stuck lambdas wait for. */
    public static final Object MONITOR = new Object();

    private static Object kept(String code) {
        Handoff.value = null;
        List<String> out = t.show(code);
        assertThat(Handoff.value).as("what %s left (%s)", code, out).isNotNull();
        return Handoff.value;
    }
}
