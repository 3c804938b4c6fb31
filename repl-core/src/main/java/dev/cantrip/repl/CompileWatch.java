package dev.cantrip.repl;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds a session's work on its JShell (compiling, above all) to a CPU budget. The work runs on a
 * platform worker thread, whose CPU counter the JVM keeps; each {@link Meter} is read every
 * {@value #SAMPLE_MILLIS} ms from the engine's watchdog, leaving out the runs of snippet code
 * the worker waits for (or makes itself, with a direct runner), and calls the operation's
 * give-up once the rest passes the budget.
 *
 * <p>javac cannot be stopped midway: it checks no interrupt, JShell's {@code stop()} stops only
 * running code, a {@code TaskListener} hears only phase boundaries (the blow-up is inside one
 * phase, attributing one class), and {@code Thread.stop} is gone. So giving up means the caller
 * goes on without the compile, which goes on until javac returns; no code of it is run then
 * ({@link #current()} tells the execution control), and its owner's slot stays taken
 * ({@link Slots}) until it has ended.
 */
final class CompileWatch {

    static final long SAMPLE_MILLIS = 20;

    private static final System.Logger LOG = System.getLogger(CompileWatch.class.getName());

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ThreadLocal<Meter> CURRENT = new ThreadLocal<>();

    // The meters of work in progress, sampled together by one periodic task: starting and ending
    // a meter schedules nothing (a scheduled task per operation woke the watchdog twice for each,
    // tens of microseconds on a loaded machine).
    private final Set<Meter> active = ConcurrentHashMap.newKeySet();

    CompileWatch(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(this::sampleAll, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void sampleAll() {
        for (Meter m : active) {
            try {
                m.sample();
            } catch (RuntimeException e) {
                active.remove(m); // its give-up failed: the others must still be sampled
                LOG.log(System.Logger.Level.ERROR, "giving up a compile failed", e);
            }
        }
    }

    /**
     * Starts measuring the calling thread's work against {@code budget}; {@code over} is called
     * once, on the timer's thread, if it passes it. Close the meter on the same thread when the
     * work ends.
     */
    Meter start(Duration budget, Runnable over) {
        Meter m = new Meter(this, Thread.currentThread(), budget.toNanos(), over);
        CURRENT.set(m);
        if (m.startCpu >= 0) { // -1: no CPU counter for this thread (a virtual thread): nothing to hold it to
            active.add(m);
        }
        return m;
    }

    /** The meter of the work on the calling thread, or null. */
    static Meter current() {
        return CURRENT.get();
    }

    /** One operation's CPU time, runs left out. */
    static final class Meter implements AutoCloseable {
        private final CompileWatch watch;
        private final Thread thread;
        private final long budgetNanos;
        private final Runnable over;
        private final long startCpu;
        private long excluded;
        private long pausedAt = -1;
        private int pauses;
        private boolean closed;
        private boolean givenUp;

        private Meter(CompileWatch watch, Thread thread, long budgetNanos, Runnable over) {
            this.watch = watch;
            this.thread = thread;
            this.budgetNanos = budgetNanos;
            this.over = over;
            this.startCpu = THREADS.getCurrentThreadCpuTime();
        }

        /** CPU time used so far, runs left out (0 when the thread has no counter). */
        synchronized long usedNanos() {
            long now = THREADS.getThreadCpuTime(thread.threadId());
            if (now < 0 || startCpu < 0) {
                return 0;
            }
            return now - startCpu - excluded - (pausedAt >= 0 ? now - pausedAt : 0);
        }

        long budgetNanos() {
            return budgetNanos;
        }

        /** Whether the work was given up; its code must not run then. */
        synchronized boolean givenUp() {
            return givenUp;
        }

        /**
         * Work that is not the user's compile starts on this thread (a run of snippet code, the
         * engine building a JShell): its time is not counted. Pauses nest; each ends with a
         * {@link #resume()}.
         */
        synchronized void pause() {
            if (pauses++ == 0) {
                pausedAt = Math.max(0, THREADS.getCurrentThreadCpuTime());
            }
        }

        /** The work paused for is over. */
        synchronized void resume() {
            if (pauses > 0 && --pauses == 0) {
                excluded += Math.max(0, THREADS.getCurrentThreadCpuTime()) - pausedAt;
                pausedAt = -1;
            }
        }

        /** Runs {@code work} paused (on the measured thread); with no meter, just runs it. */
        static <T> T paused(Meter m, java.util.function.Supplier<T> work) {
            if (m == null) {
                return work.get();
            }
            m.pause();
            try {
                return work.get();
            } finally {
                m.resume();
            }
        }

        private void sample() {
            synchronized (this) {
                if (closed || givenUp || usedNanos() <= budgetNanos) {
                    return;
                }
                givenUp = true;
            }
            watch.active.remove(this);
            over.run();
        }

        /** Stops measuring; on the measured thread. */
        @Override
        public void close() {
            synchronized (this) {
                closed = true;
            }
            watch.active.remove(this);
            if (CURRENT.get() == this) {
                CURRENT.remove();
            }
        }
    }

    /**
     * How many operations that compile each owner has in progress: at most {@code perOwner} at
     * once, the others wait (on their session's worker, so an owner has at most one waiting per
     * session). A given-up compile keeps its slot until javac has really ended.
     */
    static final class Slots {
        private final int perOwner;
        private final Map<Object, Integer> inUse = new HashMap<>();

        Slots(int perOwner) {
            this.perOwner = perOwner;
        }

        synchronized void acquire(Object owner) throws InterruptedException {
            while (inUse.getOrDefault(owner, 0) >= perOwner) {
                wait();
            }
            inUse.merge(owner, 1, Integer::sum);
        }

        synchronized void release(Object owner) {
            inUse.computeIfPresent(owner, (k, n) -> n <= 1 ? null : n - 1);
            notifyAll();
        }

        synchronized int inUse(Object owner) {
            return inUse.getOrDefault(owner, 0);
        }
    }
}
