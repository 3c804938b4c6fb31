package dev.cantrip.bench.tasks;

import dev.cantrip.bench.Measures;

import dev.cantrip.loop.GameLoop;
import dev.cantrip.tasks.Task;
import dev.cantrip.tasks.TaskOwner;
import dev.cantrip.tasks.Tasks;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The task scheduler on a real game loop, with host actions (a snippet's callback adds a budgeted
 * run per task; that is measured by the Java benchmarks, not here):
 *
 * <ul>
 *   <li>memory per pending task with {@code pending} tasks (target at most 200 bytes beyond the
 *       callback; the callback here is one shared object), from the heap after full GCs;</li>
 *   <li>firing lateness with 100,000 tasks due within the same second (target p99 at most 5 ms),
 *       while a "player" posts a command to the loop every millisecond and times its answer (the
 *       loop must keep answering between slices of due tasks).</li>
 * </ul>
 *
 * <p>A program, not JMH: what it measures is the heap a million tasks hold and the spread of a
 * burst's lateness, not the time of an operation. Schedule, cancel and fire rates are
 * {@link SchedulerBenchmark}'s.
 *
 * <p>Usage: {@code SchedulerProbe [pending] [burst]} (defaults 1,000,000 and 100,000).
 */
public final class SchedulerProbe {

    private static final TaskOwner OWNER = new TaskOwner(1, "Probe");

    private SchedulerProbe() {}

    public static void main(String[] args) throws Exception {
        int pending = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int burst = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        try (GameLoop loop = GameLoop.start("probe-loop")) {
            Tasks tasks = loop.call(() -> Tasks.start(loop, InstantSource.system(), (o, t) -> { })).join();
            Runnable noop = () -> { };
            String source = "delay(3600, () -> { })";

            // Memory: a million tasks an hour or more away.
            long before = Measures.settledHeap();
            List<Task> held = new ArrayList<>(pending);
            loop.call(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < pending; i++) {
                    held.add(tasks.delay(OWNER, Duration.ofSeconds(3600 + r.nextInt(86_400)), source, noop));
                }
                return null;
            }).join();
            long after = Measures.settledHeap();
            // The probe's own list of handles (4 bytes a reference, with its growth) is not the scheduler's.
            long listBytes = 4L * pending;
            System.out.printf(Locale.ROOT, "memory: %,d pending tasks take %.1f MiB, %.0f bytes per task"
                    + " (target <= 200)%n", pending, (after - before - listBytes) / 1048576.0,
                    (after - before - listBytes) / (double) pending);
            loop.call(() -> {
                held.forEach(Task::cancel);
                return null;
            }).join();
            held.clear();

            // Lateness: a burst due within one second, while a player's command is answered every millisecond.
            // A smaller burst first warms the firing path up (a running server's is warm), and the garbage
            // of the runs above is collected first (a probe artifact, not the scheduler's).
            burst(loop, tasks, Math.max(1, burst / 5), source, false);
            Measures.settledHeap();
            burst(loop, tasks, burst, source, true);
        }
    }

    private static void burst(GameLoop loop, Tasks tasks, int burst, String source, boolean report) throws Exception {
        {
            long[] lateness = new long[burst];
            CountDownLatch fired = new CountDownLatch(burst);
            long dueFrom = System.currentTimeMillis() + 2_000;
            loop.call(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; i < burst; i++) {
                    int n = i;
                    long due = dueFrom + r.nextInt(1_000);
                    tasks.delay(OWNER, Duration.ofMillis(due - System.currentTimeMillis()), source, () -> {
                        lateness[n] = System.currentTimeMillis() - due;
                        fired.countDown();
                    });
                }
                return null;
            }).join();
            List<Double> answers = Collections.synchronizedList(new ArrayList<>());
            Thread player = Thread.ofPlatform().start(() -> {
                while (fired.getCount() > 0) {
                    long t0 = System.nanoTime();
                    loop.call(() -> null).join();
                    if (System.currentTimeMillis() >= dueFrom) {
                        answers.add((System.nanoTime() - t0) / 1e6);
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            if (!fired.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the burst did not fire within a minute");
            }
            player.join();
            List<Double> late = new ArrayList<>();
            for (long l : lateness) {
                late.add((double) l);
            }
            if (report) {
                System.out.printf(Locale.ROOT, "lateness: %,d tasks due within one second fired late by p50 %.0f ms,"
                        + " p99 %.0f ms, max %.0f ms (target p99 <= 5 ms; the clock ticks in ms)%n",
                        burst, Measures.pct(late, 50), Measures.pct(late, 99), Measures.pct(late, 100));
                System.out.printf(Locale.ROOT, "meanwhile a command posted to the loop every ms (%d): answered in p50"
                        + " %.2f ms, p99 %.2f ms, max %.2f ms%n", answers.size(), Measures.pct(answers, 50), Measures.pct(answers, 99),
                        Measures.pct(answers, 100));
            }
        }
    }
}
