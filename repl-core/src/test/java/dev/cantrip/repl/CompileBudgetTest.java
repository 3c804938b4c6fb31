package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compile budget: javac's CPU time on the session's platform worker, runs left out; past it
 * the input is given up, the session goes on with a fresh JShell, and its owner's next work waits
 * for the compile to end, while other owners' sessions answer.
 */
class CompileBudgetTest {

    private static final Duration BUDGET = Duration.ofSeconds(1);
    private static ReplTesting t;

    @BeforeAll
    static void start() {
        t = new ReplTesting(EngineConfig.builder().poolSize(2).compileBudget(BUDGET)
                .budget(RunBudget.defaults().withCpu(Duration.ofSeconds(5)).withWall(Duration.ofSeconds(10))));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** Runs code on the worker, as {@link SnippetRunner#direct()}, and keeps what the engine tells it of a give-up. */
    static final class Heard implements SnippetRunner {
        final CompletableFuture<CompletableFuture<Void>> left = new CompletableFuture<>();

        @Override
        public <T> T run(Callable<T> code) throws Exception {
            return code.call();
        }

        @Override
        public void compileGivenUp(CompletableFuture<Void> stillCompiling) {
            left.complete(stillCompiling);
        }
    }

    private static ReplSession open(Object owner) {
        Map<String, Supplier<?>> values = Map.of("self", () -> t.player, "room", t.player::room);
        return t.engine.open("other", owner, values, line -> { });
    }

    @Test
    void aCompilePastItsBudgetIsGivenUpAndTheSessionGoesOnFresh() throws Exception {
        ReplSession mine = open("mallory");
        ReplSession other = open("wizard");
        Heard runner = new Heard();
        assertThat(mine.evaluate("<T> T g(T a, T b) { return a; }", runner, o -> { }).get(60, TimeUnit.SECONDS)
                .outcomes()).singleElement().isInstanceOf(SnippetOutcome.Declared.class);
        assertThat(mine.evaluate(PolyNestingGuardTest.conditionals(3), runner, o -> { }).get(60, TimeUnit.SECONDS)
                .outcomes()).singleElement().isInstanceOf(SnippetOutcome.Value.class);
        List<SnippetOutcome> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        Evaluation slow = mine.evaluate(PolyNestingGuardTest.doubled(7), runner, told::add).get(120, TimeUnit.SECONDS);
        long givenUpMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(slow.outcomes()).singleElement().isInstanceOfSatisfying(SnippetOutcome.Stopped.class, s ->
                assertThat(OutcomeText.lines(s)).containsExactly("Stopped: compiling it took more than 1 s of CPU time"
                        + " (its compile budget); the compiler cannot be stopped midway, so your Java state was cleared"
                        + " (a fresh JShell) and your java waits until that compile ends: split the code into smaller steps"
                        + " with local variables"));
        assertThat(told).isEqualTo(slow.outcomes());
        CompletableFuture<Void> left = runner.left.get(5, TimeUnit.SECONDS);

        // Meanwhile another owner's session answers, though javac still runs on the given-up worker.
        boolean stillCompiling = !left.isDone();
        assertThat(other.evaluate("6 * 7", SnippetRunner.direct(), o -> { }).get(60, TimeUnit.SECONDS).outcomes())
                .singleElement().extracting(o -> OutcomeText.lines(o)).isEqualTo(List.of("==> 42"));
        // The owner's next work waits for the stuck compile (its slot), then runs on a fresh JShell.
        Evaluation after = mine.evaluate("g(1, 2)", SnippetRunner.direct(), o -> { }).get(120, TimeUnit.SECONDS);
        assertThat(left).isDone();
        assertThat(after.outcomes()).singleElement().isInstanceOf(SnippetOutcome.Diagnosed.class); // g went with the old one
        assertThat(mine.evaluate("1 + 1", SnippetRunner.direct(), o -> { }).get(60, TimeUnit.SECONDS).outcomes())
                .singleElement().extracting(o -> OutcomeText.lines(o)).isEqualTo(List.of("==> 2"));
        System.out.printf("Compile budget %d ms: given up after %d ms (wall), other owner answered while javac still ran: %s%n",
                BUDGET.toMillis(), givenUpMillis, stillCompiling);
        assertThat(stillCompiling).as("javac was still running when the other owner was answered").isTrue();
        mine.close();
        other.close();
    }

    @Test
    void runTimeIsNotCompileTime() throws Exception {
        // On the direct runner the run uses the worker's own thread: 2 s of CPU there are the run's, not javac's.
        t.eval("boolean spin() { long end = System.nanoTime() + 2_000_000_000L; long n = 0;"
                + " while (System.nanoTime() < end) { n++; } return n > 0; }");
        Evaluation e = t.session.evaluate("spin()", SnippetRunner.direct(), o -> { }).get(60, TimeUnit.SECONDS);
        assertThat(e.outcomes()).last().extracting(o -> OutcomeText.lines(o)).isEqualTo(List.of("==> true"));
    }

    @Test
    void oneOwnerCompilesOneAtATime() throws Exception {
        CompileWatch.Slots slots = new CompileWatch.Slots(1);
        slots.acquire("a");
        slots.acquire("b"); // another owner is not held back
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                slots.acquire("a");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(second).isNotDone();
        slots.release("a");
        second.get(10, TimeUnit.SECONDS);
        assertThat(slots.inUse("a")).isEqualTo(1);
        slots.release("a");
        slots.release("b");
        assertThat(slots.inUse("a")).isZero();
    }
}
