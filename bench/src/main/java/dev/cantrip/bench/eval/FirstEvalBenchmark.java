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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first {@code java 1 + 1} of a session that just logged in, with the engine's pool warm:
 * what a staff member waits for the first time they type {@code java}. Each measured call is a new
 * session; between calls the session is closed and the pool given time to refill.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 60)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class FirstEvalBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private BenchGame game;
    private BenchGame.Client dev;

    @Setup(Level.Trial)
    public void start() {
        game = BenchGame.withDefaults();
    }

    @Setup(Level.Iteration)
    public void freshSession() throws Exception {
        if (dev != null) {
            dev.disconnect();
        }
        game.awaitWarmPool(game.java().settings().poolSize(), WAIT);
        dev = game.login("First", Role.DEVELOPER);
    }

    @TearDown(Level.Trial)
    public void stop() {
        game.close();
    }

    @Benchmark
    public void firstJavaCommand() throws TimeoutException {
        dev.run("java 1 + 1", "==> 2", WAIT);
    }
}
