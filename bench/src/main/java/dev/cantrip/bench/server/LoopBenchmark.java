package dev.cantrip.bench.server;

import dev.cantrip.loop.GameLoop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The game loop alone, the one thread every command goes through: the round trip of a call from
 * another thread (what a network thread's command pays to get onto the loop and its answer back,
 * the loop idle in between), and how many events a second it takes when they queue up (each timed
 * for the lag figures, as in the server).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class LoopBenchmark {

    static final int QUEUED = 10_000;

    private GameLoop loop;

    @Setup(Level.Trial)
    public void start() {
        loop = GameLoop.start("bench-loop");
    }

    @TearDown(Level.Trial)
    public void stop() {
        loop.shutdown(Duration.ofSeconds(5));
    }

    /** A call onto the idle loop and its answer back. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public Integer callRoundTrip() {
        return loop.call(() -> 42).join();
    }

    /** {@value #QUEUED} events posted at once, until the last has run: events per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(QUEUED)
    public void queuedEvents() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(QUEUED);
        Runnable event = done::countDown;
        for (int i = 0; i < QUEUED; i++) {
            loop.execute(event);
        }
        if (!done.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException(done.getCount() + " events had not run a minute later");
        }
    }
}
