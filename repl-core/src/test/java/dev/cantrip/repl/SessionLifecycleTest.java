package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How sessions end and what survives: idle eviction, close and engine stop (never in the middle of
 * an evaluation), reset, drop, and what {@link ReplEngine#stats()} reports.
 */
final class SessionLifecycleTest {

    /** Long enough for a background pool to warm or an eviction to fire on a slow machine. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

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
    void anIdleSessionIsEndedAndSaysWhy() throws Exception {
        try (ReplTesting idle = new ReplTesting(EngineConfig.builder().poolSize(1)
                .idleTimeout(Duration.ofMillis(300)))) {
            ReplTesting.await(() -> idle.session.ended().isPresent(), DEADLINE);

            assertThat(idle.session.ended()).contains(EndReason.IDLE);
            assertThat(endedFailure(idle.session.evaluate("1 + 1", SnippetRunner.direct(), o -> { }))
                    .reason()).isEqualTo(EndReason.IDLE);
            assertThat(endedFailure(idle.session.snippets()).reason()).isEqualTo(EndReason.IDLE);
            assertThat(idle.engine.stats().sessions()).isZero();
        }
    }

    @Test
    void idleEvictionDuringAnEvaluationLetsItFinish() throws Exception {
        // Long enough that the session is surely still open when the evaluation is submitted.
        try (ReplTesting idle = new ReplTesting(EngineConfig.builder().poolSize(1)
                .idleTimeout(Duration.ofSeconds(1)))) {
            HeldRunner held = new HeldRunner();
            // Two snippets: the second compiles and runs after the eviction, so the instance must
            // still be open then, not only at the moment the first run is let go.
            CompletableFuture<Evaluation> running = idle.session.evaluate("int a = 6; a * 7", held, o -> { });
            held.awaitEntered();

            // Nothing touches the session while the run is held, so eviction fires meanwhile.
            ReplTesting.await(() -> idle.session.ended().isPresent(), DEADLINE);
            assertThat(idle.session.ended()).contains(EndReason.IDLE);
            held.release();

            Evaluation e = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(e.outcomes()).hasSize(2);
            assertThat(e.outcomes().get(1)).isEqualTo(new SnippetOutcome.Value("a * 7", "42", "int"));
            assertThat(endedFailure(idle.session.evaluate("a", SnippetRunner.direct(), o -> { })).reason())
                    .isEqualTo(EndReason.IDLE);
        }
    }

    @Test
    void closeDuringAnEvaluationLetsItFinish() throws Exception {
        ReplSession s = open("closing");
        HeldRunner held = new HeldRunner();
        CompletableFuture<Evaluation> running = s.evaluate("int a = 6; a * 7", held, o -> { });
        held.awaitEntered();

        s.close();
        // Ended at once for new calls, even though the evaluation before it is still held.
        assertThat(s.ended()).contains(EndReason.CLOSED);
        CompletableFuture<Evaluation> after = s.evaluate("a", SnippetRunner.direct(), o -> { });
        held.release();

        Evaluation e = running.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(e.outcomes().get(1)).isEqualTo(new SnippetOutcome.Value("a * 7", "42", "int"));
        assertThat(endedFailure(after).reason()).isEqualTo(EndReason.CLOSED);
        assertThat(endedFailure(s.complete("a", 1)).reason()).isEqualTo(EndReason.CLOSED);
    }

    @Test
    void closeIsIdempotent() {
        ReplSession s = open("twice");
        assertThat(show(s, "1 + 2")).containsExactly("==> 3");
        int before = t.engine.stats().sessions();

        s.close();
        s.close();

        assertThat(s.ended()).contains(EndReason.CLOSED);
        assertThat(t.engine.stats().sessions()).isEqualTo(before - 1);
        assertThat(endedFailure(s.reset()).reason()).isEqualTo(EndReason.CLOSED);
    }

    @Test
    void stoppingTheEngineEndsEverySession() {
        try (ReplTesting own = new ReplTesting(EngineConfig.builder().poolSize(1))) {
            ReplSession used = own.session;
            assertThat(used.evaluate("int kept = 1;", SnippetRunner.direct(), o -> { }).join().outcomes()).hasSize(1);
            ReplSession unused = own.engine.open("unused", Map.of("self", () -> own.player, "room", () -> "Hall"),
                    line -> { });
            ReplSession closedBefore = own.engine.open("closed", Map.of("self", () -> own.player, "room", () -> "Hall"),
                    line -> { });
            closedBefore.close();

            own.engine.close();

            assertThat(used.ended()).contains(EndReason.ENGINE_STOPPED);
            assertThat(unused.ended()).contains(EndReason.ENGINE_STOPPED);
            assertThat(closedBefore.ended()).contains(EndReason.CLOSED);
            assertThat(endedFailure(used.evaluate("kept", SnippetRunner.direct(), o -> { })).reason())
                    .isEqualTo(EndReason.ENGINE_STOPPED);
            assertThatThrownBy(() -> own.engine.open("late", Map.of("self", () -> own.player, "room", () -> ""),
                    line -> { })).isInstanceOf(IllegalStateException.class);
            assertThat(own.engine.stats().sessions()).isZero();
            own.engine.close(); // a second stop does nothing
        }
    }

    @Test
    void stoppingTheEngineFailsOperationsStillWaitingForAWorker() throws Exception {
        ReplEngine engine = ReplEngine.start(EngineConfig.builder().poolSize(0).build());
        ReplSession busy = engine.open("busy", Map.of(), line -> { });
        HeldRunner held = new HeldRunner();
        CompletableFuture<Evaluation> running = busy.evaluate("1 + 1", held, o -> { });
        held.awaitEntered();
        // The session's worker is held, so these wait in the session's queue.
        CompletableFuture<Evaluation> queued = busy.evaluate("2 + 2", SnippetRunner.direct(), o -> { });
        CompletableFuture<Evaluation> queuedToo = busy.evaluate("3 + 3", SnippetRunner.direct(), o -> { });

        engine.close(); // waits 2 s for the held run, then interrupts it

        for (CompletableFuture<Evaluation> f : List.of(queued, queuedToo)) {
            Throwable failure = catchThrowable(() -> f.get(10, TimeUnit.SECONDS));
            assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SessionEndedException.class);
        }
        // The held run's waiting worker was interrupted: it ends, as a run that could not be run.
        assertThat(running.get(10, TimeUnit.SECONDS).outcomes()).singleElement()
                .isInstanceOf(SnippetOutcome.Stopped.class);
    }

    @Test
    void aRunnerThatCannotRunTheCodeIsNotShownAsANullValue() {
        ReplSession s = open("rejecting");
        SnippetRunner rejecting = new SnippetRunner() {
            @Override
            public <T> T run(Callable<T> code) {
                throw new RejectedExecutionException("the game loop has stopped");
            }
        };

        Evaluation e = s.evaluate("1 + 1", rejecting, o -> { }).join();

        assertThat(e.outcomes()).singleElement().isNotInstanceOf(SnippetOutcome.Value.class);
    }

    @Test
    void resetForgetsDeclarationsButKeepsHistory() {
        ReplSession s = open("reset");
        show(s, "int x = 41;");
        show(s, "String hi() { return \"hi\"; }");
        assertThat(s.snippets().join()).extracting(SnippetInfo::name).containsExactly("x", "hi");

        s.reset().join();

        assertThat(s.snippets().join()).isEmpty();
        assertThat(show(s, "x").getFirst()).startsWith("Error: cannot find symbol");
        // A fresh state is a warm one: bindings and startup are back.
        assertThat(show(s, "self.name()")).containsExactly("==> \"Tester\"");
        assertThat(show(s, "shout(\"again\")")).containsExactly("==> \"AGAIN!\"");
        assertThat(s.history()).containsExactly("int x = 41;", "String hi() { return \"hi\"; }", "x", "self.name()",
                "shout(\"again\")");
        assertThat(s.ended()).isEmpty();
    }

    @Test
    void dropRemovesEveryOverloadAndSaysWhatWent() {
        ReplSession s = open("drop");
        show(s, "int f(int a) { return a; }");
        show(s, "String f(String a) { return a; }");
        show(s, "int g = 1;");
        show(s, "import java.time.*;");

        List<SnippetInfo> dropped = s.drop("f").join();

        assertThat(dropped).extracting(SnippetInfo::kind, SnippetInfo::name, SnippetInfo::signature)
                .containsExactly(
                        tuple(SnippetInfo.Kind.METHOD, "f", "f(int)"),
                        tuple(SnippetInfo.Kind.METHOD, "f", "f(String)"));
        assertThat(show(s, "f(1)").getFirst()).startsWith("Error: cannot find symbol");
        assertThat(s.snippets().join()).extracting(SnippetInfo::name).containsExactly("g", "java.time.*");

        // An import goes by its text; unknown names and the engine's own startup are left alone.
        assertThat(s.drop("java.time.*").join()).extracting(SnippetInfo::kind).containsExactly(SnippetInfo.Kind.IMPORT);
        assertThat(s.drop("nothing").join()).isEmpty();
        assertThat(s.drop("shout").join()).isEmpty();
        assertThat(show(s, "shout(\"still\")")).containsExactly("==> \"STILL!\"");
        assertThat(s.snippets().join()).extracting(SnippetInfo::name).containsExactly("g");
    }

    @Test
    void statsCountSessionsAndWarmInstances() throws Exception {
        try (ReplTesting own = new ReplTesting(EngineConfig.builder().poolSize(2))) {
            // The pool warms in the background; the session ReplTesting opened has taken nothing yet.
            ReplTesting.await(() -> own.engine.stats().pooled() == 2, DEADLINE);
            assertThat(own.engine.stats()).isEqualTo(new ReplEngine.Stats(1, 2));

            assertThat(own.show("1 + 1")).containsExactly("==> 2");
            // The first use took a warm instance; the pool makes another one.
            ReplTesting.await(() -> own.engine.stats().pooled() == 2, DEADLINE);
            ReplSession second = own.engine.open("second", Map.of("self", () -> own.player, "room", () -> "Hall"),
                    line -> { });
            assertThat(own.engine.stats().sessions()).isEqualTo(2);

            second.close();
            own.session.close();
            assertThat(own.engine.stats().sessions()).isZero();
        }
    }

    @Test
    void aDeferredPoolBuildsNothingUntilAskedToFill() throws Exception {
        try (ReplTesting own = new ReplTesting(EngineConfig.builder().poolSize(1).deferPool());
             ReplTesting eager = new ReplTesting(EngineConfig.builder().poolSize(1))) {
            // The same pool started at the same time, not deferred, is the clock: once it has built its
            // instance, the deferred one would have too.
            ReplTesting.await(() -> eager.engine.stats().pooled() == 1, DEADLINE);
            assertThat(own.engine.stats().pooled()).isZero();
            own.engine.fillPool();
            ReplTesting.await(() -> own.engine.stats().pooled() == 1, DEADLINE);
            own.engine.fillPool(); // full: nothing more
            assertThat(own.show("1 + 1")).containsExactly("==> 2");
        }
    }

    /** A fresh session on the shared engine, with the same bindings as {@link ReplTesting}'s. */
    private static ReplSession open(String label) {
        return t.engine.open(label, Map.of("self", () -> t.player, "room", t.player::room), line -> { });
    }

    private static List<String> show(ReplSession s, String input) {
        return s.evaluate(input, SnippetRunner.direct(), o -> { }).join().outcomes().stream()
                .flatMap(o -> OutcomeText.lines(o).stream()).toList();
    }

    /** The {@link SessionEndedException} {@code f} failed with (waiting for it a while). */
    private static SessionEndedException endedFailure(CompletableFuture<?> f) {
        Throwable failure = catchThrowable(() -> f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SessionEndedException.class);
        return (SessionEndedException) failure.getCause();
    }

    /** Holds the first run until released, so a test can act while an evaluation is in progress. */
    private static final class HeldRunner implements SnippetRunner {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        @Override
        public <T> T run(Callable<T> code) throws Exception {
            entered.countDown();
            if (!released.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the run");
            }
            return code.call();
        }

        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the run started").isTrue();
        }

        void release() {
            released.countDown();
        }
    }
}
