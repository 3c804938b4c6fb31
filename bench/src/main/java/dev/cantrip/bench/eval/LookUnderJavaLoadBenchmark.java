package dev.cantrip.bench.eval;

import dev.cantrip.bench.BenchGame;

import dev.cantrip.account.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * A player's {@code look} while {@code evaluators} staff sessions evaluate Java back to back
 * (each redeclares a small method and calls it: a compile of a few ms every time). Compilation is
 * off the loop, so {@code look} should barely notice. {@code evaluators = 0} is the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class LookUnderJavaLoadBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Param({"0", "20"})
    public int evaluators;

    private BenchGame game;
    private BenchGame.Client player;
    private final List<Thread> drivers = new ArrayList<>();
    private final AtomicLong evals = new AtomicLong();
    private volatile boolean running;

    @Setup(Level.Trial)
    public void start() throws TimeoutException {
        game = new BenchGame(new dev.cantrip.scripting.JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30),
                Math.max(2, evaluators), null));
        player = game.login("Player", Role.PLAYER);
        running = true;
        for (int i = 0; i < evaluators; i++) {
            BenchGame.Client staff = game.login("Staff" + i, Role.DEVELOPER);
            Thread t = Thread.ofPlatform().daemon().name("evaluator-" + i).start(() -> drive(staff));
            drivers.add(t);
        }
    }

    private void drive(BenchGame.Client staff) {
        int n = 0;
        while (running) {
            n++;
            try {
                staff.run("java int f(int x) { return x * " + n + "; } f(2)", "==> " + (2 * n), WAIT);
                evals.incrementAndGet();
            } catch (TimeoutException e) {
                if (running) {
                    throw new IllegalStateException("an evaluator got no answer", e);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        running = false;
        for (Thread t : drivers) {
            t.join(WAIT.toMillis());
        }
        System.out.println("\n(evaluations run by the staff sessions: " + evals.get() + ")");
        game.close();
    }

    @Benchmark
    public void look() throws TimeoutException {
        player.run("look", "Exits:", WAIT);
    }
}
