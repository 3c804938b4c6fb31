package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions used from many threads: two sessions of one engine run at the same time without seeing
 * each other, each session runs its operations one at a time in the order they were called, and a
 * long run of expressions leaves nothing behind.
 */
final class ConcurrencyTest {

    private static final int EVALS = 200;
    /** Increments each of two threads queues on one shared session. */
    private static final int QUEUED = 50;
    /**
     * Expressions for the drift check. Each one compiles a class (some 20 ms on a small machine), so
     * this is kept well below the thousands a long session sees; every one is dropped the same way.
     */
    private static final int DRIFT_EVALS = 500;
    private static final long WAIT_SECONDS = 120;

    private static ReplEngine engine;

    @BeforeAll
    static void start() {
        engine = ReplEngine.start(EngineConfig.builder()
                .binding("self", Player.class)
                .startup("import dev.cantrip.repl.Player;")
                .poolSize(2)
                .build());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void twoSessionsEvaluatingAtOnceKeepTheirOwnState() throws Exception {
        ReplSession ann = open(new Player("Ann", "Hall"));
        ReplSession bob = open(new Player("Bob", "Yard"));
        ExecutorService users = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            // The same variable name in both: each session has its own.
            Future<List<String>> annSaw = users.submit(() -> count(ann, go));
            Future<List<String>> bobSaw = users.submit(() -> count(bob, go));
            go.countDown();

            List<String> expected = IntStream.range(0, EVALS).mapToObj(Integer::toString).toList();
            assertThat(annSaw.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(expected);
            assertThat(bobSaw.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(expected);
        } finally {
            users.shutdownNow();
        }
        assertThat(value(ann, "counter")).isEqualTo(String.valueOf(EVALS));
        assertThat(value(bob, "counter")).isEqualTo(String.valueOf(EVALS));
        assertThat(value(ann, "self.name()")).isEqualTo("\"Ann\"");
        assertThat(value(bob, "self.name()")).isEqualTo("\"Bob\"");
        ann.evaluate("int onlyAnns = 1;", SnippetRunner.direct(), o -> { }).join();
        assertThat(outcome(bob, "onlyAnns")).isInstanceOf(SnippetOutcome.Diagnosed.class);
    }

    @Test
    void oneSessionCalledFromTwoThreadsRunsEachCallInTurn() throws Exception {
        ReplSession shared = open(new Player("Cy", "Hall"));
        shared.evaluate("int n = 0;", SnippetRunner.direct(), o -> { }).join();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<CompletableFuture<Evaluation>> first;
        List<CompletableFuture<Evaluation>> second;
        try {
            CountDownLatch go = new CountDownLatch(1);
            // Each thread queues its calls without waiting for any: the session orders them.
            Future<List<CompletableFuture<Evaluation>>> a = callers.submit(() -> submitIncrements(shared, go));
            Future<List<CompletableFuture<Evaluation>>> b = callers.submit(() -> submitIncrements(shared, go));
            go.countDown();
            first = a.get(WAIT_SECONDS, TimeUnit.SECONDS);
            second = b.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            callers.shutdownNow();
        }

        List<Integer> firstSaw = values(first);
        List<Integer> secondSaw = values(second);
        // No increment lost or seen twice, and each caller's calls ran in the order it made them.
        assertThat(Stream.concat(firstSaw.stream(), secondSaw.stream()).sorted().toList())
                .isEqualTo(IntStream.range(0, 2 * QUEUED).boxed().toList());
        assertThat(firstSaw).isSorted();
        assertThat(secondSaw).isSorted();
        assertThat(value(shared, "n")).isEqualTo(String.valueOf(2 * QUEUED));
    }

    @Test
    void manyExpressionsLeaveNothingBehind() {
        ReplSession s = open(new Player("Di", "Hall"));
        s.evaluate("int kept = 1;", SnippetRunner.direct(), o -> { }).join();

        for (int i = 0; i < DRIFT_EVALS; i++) {
            assertThat(value(s, "1 + 1")).isEqualTo("2");
        }

        assertThat(s.snippets().join()).extracting(SnippetInfo::name).containsExactly("kept");
        assertThat(s.variables(SnippetRunner.direct()).join()).extracting(Variable::name)
                .containsExactly("self", "kept");
    }

    private static ReplSession open(Player p) {
        return engine.open(p.name(), Map.of("self", () -> p), line -> { });
    }

    /** Declares a counter and increments it {@link #EVALS} times, one call after another. */
    private static List<String> count(ReplSession s, CountDownLatch go) throws InterruptedException {
        s.evaluate("int counter = 0;", SnippetRunner.direct(), o -> { }).join();
        go.await();
        List<String> saw = new ArrayList<>();
        for (int i = 0; i < EVALS; i++) {
            saw.add(value(s, "counter++"));
        }
        return saw;
    }

    private static List<CompletableFuture<Evaluation>> submitIncrements(ReplSession s, CountDownLatch go)
            throws InterruptedException {
        go.await();
        List<CompletableFuture<Evaluation>> calls = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            calls.add(s.evaluate("n++", SnippetRunner.direct(), o -> { }));
        }
        return calls;
    }

    private static List<Integer> values(List<CompletableFuture<Evaluation>> calls) {
        return calls.stream().map(c -> c.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join())
                .map(e -> Integer.valueOf(((SnippetOutcome.Value) e.outcomes().getFirst()).value()))
                .toList();
    }

    private static String value(ReplSession s, String expression) {
        SnippetOutcome o = outcome(s, expression);
        assertThat(o).as("the outcome of %s", expression).isInstanceOf(SnippetOutcome.Value.class);
        return ((SnippetOutcome.Value) o).value();
    }

    private static SnippetOutcome outcome(ReplSession s, String input) {
        return s.evaluate(input, SnippetRunner.direct(), o -> { }).join().outcomes().getFirst();
    }
}
