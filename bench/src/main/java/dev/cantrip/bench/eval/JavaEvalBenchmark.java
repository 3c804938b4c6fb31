package dev.cantrip.bench.eval;

import dev.cantrip.bench.BenchGame;

import dev.cantrip.account.Role;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A warm session's {@code java} command end to end, as a player meets it: the line goes in
 * through the game's input, is dispatched, compiled on a worker, run on the game loop, and the
 * value line comes back. Sample time gives the median and p99. {@code priorEvals} runs that many
 * evaluations in the session first, to show there is no drift.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class JavaEvalBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The snippets measured, each with the text its answer contains. */
    public enum Snippet {
        EXPRESSION("1 + 1", "==> 2"),
        METHOD_CALL_ON_SELF("self.key()", "==> \"Bench\""),
        LAMBDA("((java.util.function.IntUnaryOperator) x -> x + 1).applyAsInt(41)", "==> 42"),
        CLASS_DECLARATION("class Point { int x, y; }", "d class Point"); // "created"/"replaced", not the echo

        final String code;
        final String answer;

        Snippet(String code, String answer) {
            this.code = code;
            this.answer = answer;
        }
    }

    @Param({"EXPRESSION", "METHOD_CALL_ON_SELF", "LAMBDA", "CLASS_DECLARATION"})
    public Snippet snippet;

    @Param({"0"})
    public int priorEvals;

    private BenchGame game;
    private BenchGame.Client dev;

    @Setup(Level.Trial)
    public void start() throws TimeoutException {
        game = BenchGame.withDefaults();
        dev = game.login("Bench", Role.DEVELOPER);
        for (int i = 0; i < priorEvals; i++) {
            dev.run("java " + i + " + 1", "==> " + (i + 1), WAIT);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        game.close();
    }

    @Benchmark
    public void javaCommand() throws TimeoutException {
        dev.run("java " + snippet.code, snippet.answer, WAIT);
    }
}
