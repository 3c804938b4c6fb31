package dev.cantrip.bench.tasks;

import dev.cantrip.loop.GameLoop;
import dev.cantrip.tasks.Task;
import dev.cantrip.tasks.TaskOwner;
import dev.cantrip.tasks.Tasks;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The task scheduler on a real game loop, with host actions (a snippet's callback adds a budgeted
 * run per task, which the Java benchmarks measure): tasks per second scheduled, cancelled, and
 * scheduled due at once and fired, each in batches of {@value #BATCH} on the loop, beside
 * {@code backlog} tasks already pending an hour or more away. Target: at least 1,000,000
 * schedules/s. Memory per pending task and the lateness of a burst are {@link SchedulerProbe}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SchedulerBenchmark {

    static final int BATCH = 10_000;
    private static final TaskOwner OWNER = new TaskOwner(1, "Bench");
    private static final String SOURCE = "delay(3600, () -> { })";
    private static final Runnable NOTHING = () -> { };

    @Param({"0", "1000000"})
    public int backlog;

    private GameLoop loop;
    private Tasks tasks;
    private final List<Task> batch = new ArrayList<>(BATCH);

    @Setup(Level.Trial)
    public void start() {
        loop = GameLoop.start("bench-loop");
        tasks = loop.call(() -> Tasks.start(loop, InstantSource.system(), (o, t) -> { })).join();
        loop.call(() -> {
            for (int i = 0; i < backlog; i++) {
                tasks.delay(OWNER, later(), SOURCE, NOTHING);
            }
            return null;
        }).join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        loop.shutdown(Duration.ofSeconds(5));
    }

    /** An hour to a day away, spread as real delays are. */
    private static Duration later() {
        return Duration.ofMillis(3_600_000 + ThreadLocalRandom.current().nextInt(86_400_000));
    }

    private void scheduleBatch() {
        loop.call(() -> {
            for (int i = 0; i < BATCH; i++) {
                batch.add(tasks.delay(OWNER, later(), SOURCE, NOTHING));
            }
            return null;
        }).join();
    }

    private void cancelBatch() {
        loop.call(() -> {
            batch.forEach(Task::cancel);
            batch.clear();
            return null;
        }).join();
    }

    /** Schedules for "schedule" are cancelled after it, untimed, so that the backlog stays put. */
    @State(Scope.Thread)
    public static class Scheduled {
        @TearDown(Level.Invocation)
        public void cancel(SchedulerBenchmark b) {
            b.cancelBatch();
        }
    }

    /** Tasks for "cancel" are scheduled before it, untimed. */
    @State(Scope.Thread)
    public static class ToCancel {
        @Setup(Level.Invocation)
        public void schedule(SchedulerBenchmark b) {
            b.scheduleBatch();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void schedule(Scheduled after) {
        scheduleBatch();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void cancel(ToCancel before) {
        cancelBatch();
    }

    /** Schedules a batch due now and returns once every task has run. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void scheduleAndFire() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(BATCH);
        Runnable count = fired::countDown;
        loop.call(() -> {
            for (int i = 0; i < BATCH; i++) {
                tasks.delay(OWNER, Duration.ZERO, SOURCE, count);
            }
            return null;
        }).join();
        if (!fired.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException(fired.getCount() + " tasks due now had not run a minute later");
        }
    }
}
