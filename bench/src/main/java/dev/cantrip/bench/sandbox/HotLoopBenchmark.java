package dev.cantrip.bench.sandbox;

import dev.cantrip.repl.EngineConfig;
import dev.cantrip.repl.Evaluation;
import dev.cantrip.repl.OutcomeText;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.ReplSession;
import dev.cantrip.repl.SnippetRunner;
import dev.cantrip.sandbox.Tier;
import dev.cantrip.scripting.JavaTiers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
 * A CPU-bound loop as a snippet with every check the sandbox adds (backward branches, method entry,
 * the developer tier's verification, time slices taken in turns with a "loop" thread, as in the
 * game) against the same loop compiled with the host. Target: the instrumented loop runs at least
 * 0.5x as fast as the plain one.
 *
 * <p>{@code INSTRUMENTED} evaluates {@code hot(n)} in a session that declared {@code hot}, so each
 * operation also compiles that one call (a few milliseconds: about 1% of the default
 * {@code n}'s loop).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class HotLoopBenchmark {

    private static final String HOT = "long hot(int n) { long s = 0; for (int i = 0; i < n; i++) { s += (i ^ (s >>> 3)) % 7; }"
            + " return s; }";

    /** How the loop runs. */
    public enum Way { PLAIN, INSTRUMENTED }

    @Param({"PLAIN", "INSTRUMENTED"})
    public Way way;

    @Param({"200000000"})
    public int n;

    private ExecutorService loop;
    private ReplEngine engine;
    private ReplSession session;
    private SnippetRunner runner;
    private String expected;

    /** The same source as {@link #HOT}, compiled with the host. */
    static long hot(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += (i ^ (s >>> 3)) % 7;
        }
        return s;
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        expected = "==> " + hot(n);
        if (way == Way.PLAIN) {
            return;
        }
        Tier tier = JavaTiers.load(JavaTiers.DEVELOPER, null);
        loop = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("bench-loop").factory());
        engine = ReplEngine.start(EngineConfig.builder().poolSize(0).gate(tier.gate())
                .budget(tier.budget().withCpu(Duration.ofMinutes(60)).withWall(Duration.ofMinutes(60))).build());
        session = engine.open("bench", Map.of(), line -> { });
        runner = SnippetRunner.inSlices(loop, thread -> { }, Duration.ofMinutes(5));
        session.evaluate(HOT, runner, o -> { }).get();
        if (!instrumented().equals(expected)) {
            throw new IllegalStateException("the snippet computed something else than " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (engine != null) {
            engine.close();
            loop.shutdownNow();
        }
    }

    @Benchmark
    public Object loop() throws Exception {
        return way == Way.PLAIN ? hot(n) : instrumented();
    }

    private String instrumented() throws Exception {
        Evaluation e = session.evaluate("hot(" + n + ")", runner, o -> { }).get();
        return OutcomeText.lines(e.outcomes().getFirst()).getFirst();
    }
}
