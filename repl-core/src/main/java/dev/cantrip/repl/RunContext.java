package dev.cantrip.repl;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one evaluation's runs share: where they run, what refreshes the bindings first, the budget
 * and what has been used of it, and why a run was stopped. Made per evaluation by
 * {@link JShellInstance}; used by {@link SnippetExecutionControl} on the session's worker.
 *
 * <p>While a run is in progress the watchdog samples it every {@value #SAMPLE_MILLIS} ms: wall
 * time, and the CPU time and allocated bytes of its thread. Past a budget the run is stopped at its
 * next check (method entry, backward branch, exception handler); one still running a second later
 * (inside JDK code: a sleep, a blocking call) is interrupted. Arrays are charged before they are
 * made, calls are counted as they nest. Everything acts only on the run it was armed for, on its
 * own thread, so a late alarm never touches the next run.
 */
final class RunContext {

    static final long SAMPLE_MILLIS = 10;
    private static final long INTERRUPT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final ScopedValue<RunContext> CURRENT = ScopedValue.newInstance();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final SnippetRunner runner;
    private final Runnable beforeRun;
    private final RunGuard guard;
    private final ScheduledExecutorService watchdog;
    private final RunBudget budget;
    private final long sliceNanos;
    private final Object lock = new Object();
    // What this evaluation's finished runs used; guarded by lock.
    private long wallNanos;
    private long cpuNanos;
    private long allocatedBytes;
    private long outputBytes; // printed and sent, by finished runs of this step
    private long runs;
    private Run current; // guarded by lock; null when no run is in progress
    private boolean sliceOver; // guarded by lock: the alert is raised to end the slice
    private ScheduledFuture<?> sliceTimer; // guarded by lock: ends the current slice
    private volatile String stopReason;
    private volatile boolean abandoned;
    // Raised with the holder's alert: the run's next check must take the slow path. Runs outside
    // the fast lane look only at this.
    private volatile boolean attention;
    private String cancelled; // guarded by lock: every run is stopped, for this reason
    private long suspendedAt; // guarded by lock: when the run began to wait (await)

    /**
     * One run in progress: its thread and that thread's counters at the start (-1: not kept), when
     * it was stopped, and the bytes of the large arrays charged so far (a lower bound of what it
     * allocated, for threads whose counter the JVM does not keep).
     */
    private static final class Run {
        final long id;
        final Thread thread;
        long startNanos; // this step's: a run that waits (await) starts a fresh step when it resumes
        long cpuStart;
        long allocStart;
        boolean suspended; // under the lock: waiting (await), not charged for the time
        final RunOutput output;
        long stoppedAt; // under the lock
        long firstStoppedAt; // under the lock: when it was stopped (stoppedAt moves on with each interrupt)
        long charged; // under the lock
        boolean fastLane; // set once, on the run's thread, before its code runs
        int laneDepth; // the run's own thread only: its call depth outside the fast lane

        Run(long id, Thread thread, long startNanos, long cpuStart, long allocStart, RunOutput output) {
            this.id = id;
            this.thread = thread;
            this.startNanos = startNanos;
            this.cpuStart = cpuStart;
            this.allocStart = allocStart;
            this.output = output;
        }

        boolean stopped() {
            return stoppedAt != 0;
        }

        /** Bytes this run has allocated so far, as well as can be told. Under the lock. */
        long allocated(long counterNow) {
            return Math.max(charged, allocStart < 0 || counterNow < 0 ? 0 : Math.max(0, counterNow - allocStart));
        }
    }

    /**
     * @param guard the guard of the instance whose code runs mostly (its fast lane is taken when
     *     free), or null: every check then takes the slow path
     */
    RunContext(SnippetRunner runner, Runnable beforeRun, RunGuard guard,
               ScheduledExecutorService watchdog, RunBudget budget, java.time.Duration timeSlice) {
        this.runner = runner;
        this.beforeRun = beforeRun;
        this.guard = guard;
        this.watchdog = watchdog;
        this.budget = budget;
        this.sliceNanos = timeSlice.toNanos();
    }

    /**
     * Runs snippet code through the runner: bindings refreshed, output allowance renewed, within
     * what is left of the budget. The wall time counted includes waiting for the runner.
     *
     * @throws StoppedRun if the run was stopped, or could not be run at all (the runner failed)
     * @throws InvocationTargetException if the snippet's code threw
     */
    <T> T run(Callable<T> code) throws Exception {
        long start = System.nanoTime();
        try {
            return runner.run(() -> runHere(code, start));
        } catch (StoppedRun | InvocationTargetException expected) {
            throw expected;
        } catch (SlicedRunner.StuckRunException e) {
            stopReason = e.getMessage();
            abandoned = true;
            throw new StoppedRun();
        } catch (Exception | Error e) {
            // The runner (or the binding refresh) failed, not the snippet: the code did not run.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopReason = "it could not be run (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")";
            throw new StoppedRun();
        } finally {
            synchronized (lock) {
                wallNanos += System.nanoTime() - start;
            }
        }
    }

    private <T> T runHere(Callable<T> code, long queuedAt) throws Exception {
        Thread t = Thread.currentThread();
        Run run;
        synchronized (lock) {
            long id = ++runs;
            run = new Run(id, t, queuedAt, cpuTime(t), allocated(t), new RunOutput(budget.outputBytes(), outputBytes));
            current = run;
            attention = false;
            armSlice(run);
        }
        run.fastLane = guard != null && guard.begin(this, budget.callDepth());
        synchronized (lock) {
            if (cancelled != null) {
                stop(run, cancelled);
            }
            if (attention) {
                raise(); // raised before the lane was taken (which lowers the holder's alert)
            }
        }
        ScheduledFuture<?> sampler = watchdog.scheduleAtFixedRate(() -> sample(run),
                SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            sample(run); // a budget already used up by earlier runs stops this one at its first check
            beforeRun.run();
            return ScopedValue.where(CURRENT, this).call(code::call);
        } catch (RunGuard.StopSignal s) {
            throw new StoppedRun();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RunGuard.StopSignal) {
                throw new StoppedRun();
            }
            if (e.getCause() instanceof OutOfMemoryError oom) {
                stopReason = "it ran out of memory (" + oom.getMessage() + ")";
                throw new StoppedRun();
            }
            if (e.getCause() instanceof StackOverflowError) {
                stopReason = "it called methods too deep for the thread's stack";
                throw new StoppedRun();
            }
            throw e;
        } finally {
            sampler.cancel(false);
            synchronized (lock) {
                if (sliceTimer != null) {
                    sliceTimer.cancel(false);
                    sliceTimer = null;
                }
            }
            if (run.fastLane) {
                guard.end();
            }
            synchronized (lock) {
                if (run.cpuStart >= 0) {
                    cpuNanos += Math.max(0, cpuTime(t) - run.cpuStart);
                }
                allocatedBytes += run.allocated(allocated(t));
                outputBytes = run.output.used();
                if (current == run) {
                    current = null;
                }
                Thread.interrupted(); // an interrupt meant for this run must not reach the runner's thread
            }
            run.output.endRun();
        }
    }

    /** The watchdog's look at a run: stops it past a budget, interrupts it if a stop is not heeded. */
    private void sample(Run run) {
        synchronized (lock) {
            if (current != run) {
                return;
            }
            long now = System.nanoTime();
            if (run.stopped()) {
                if (now - run.stoppedAt > INTERRUPT_GRACE_NANOS) {
                    run.thread.interrupt();
                    run.stoppedAt = now; // again a second later, if it is still not out
                }
                return;
            }
            if (run.suspended) {
                return; // waiting for a pause to pass or an answer: no step is running
            }
            long wall = wallNanos + (now - run.startNanos);
            if (wall > budget.wall().toNanos()) {
                stop(run, "it ran longer than " + seconds(budget.wall().toNanos()));
                return;
            }
            if (run.cpuStart >= 0) {
                long cpu = cpuNanos + Math.max(0, THREADS.getThreadCpuTime(run.thread.threadId()) - run.cpuStart);
                if (cpu > budget.cpu().toNanos()) {
                    stop(run, "it used " + seconds(cpu) + " of CPU time (its budget is " + seconds(budget.cpu().toNanos())
                            + ")");
                    return;
                }
            }
            long used = allocatedBytes + run.allocated(run.allocStart < 0 ? -1
                    : THREADS.getThreadAllocatedBytes(run.thread.threadId()));
            if (used > budget.allocatedBytes()) {
                stop(run, "it allocated " + bytes(used) + " (its budget is " + bytes(budget.allocatedBytes()) + ")");
            }
        }
    }

    /**
     * Starts a time slice of {@code run}, for a runner that slices: a timer (not the 10 ms
     * sampler, so slices are as short as configured) raises the alert at its end, and the run's
     * next check gives its turn back. Under the lock.
     */
    private void armSlice(Run run) {
        if (sliceTimer != null) {
            sliceTimer.cancel(false);
            sliceTimer = null;
        }
        sliceOver = false;
        if (!runner.slices()) {
            return;
        }
        sliceTimer = watchdog.schedule(() -> {
            synchronized (lock) {
                if (current == run && !run.stopped() && !sliceOver) {
                    sliceOver = true;
                    raise();
                }
            }
        }, sliceNanos, TimeUnit.NANOSECONDS);
    }

    /** The evaluation whose run is in progress on this thread, or null. */
    static RunContext current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /**
     * The holder's alert was raised and this run's thread reached a check: it is stopped, or its
     * slice is over and it waits for its next turn.
     */
    void alerted() {
        if (!attention) {
            return; // a run outside the fast lane comes here at every check: nothing to do
        }
        synchronized (lock) {
            if (current == null || current.thread != Thread.currentThread()) {
                return;
            }
            if (current.stopped()) {
                throw RunGuard.STOP;
            }
            if (!sliceOver) {
                return;
            }
            sliceOver = false;
            attention = false;
            if (guard != null) {
                guard.lower(this);
            }
        }
        try {
            runner.endSlice();
        } catch (InterruptedException e) {
            stop("it was interrupted while it waited for its next turn");
            throw RunGuard.STOP;
        }
        synchronized (lock) {
            if (current != null && current.stopped()) {
                throw RunGuard.STOP; // stopped while it waited
            }
            if (current != null) {
                armSlice(current);
            }
        }
    }

    /**
     * The run on the calling thread waits for {@code until} without holding its runner: it gives
     * its turn back, its clocks stop, and when {@code until} completes it waits for its next turn
     * and goes on: with a fresh step, the whole budget again (an interactive flow's pause or
     * question), or with the same step, the wait not counted (a write it waits for). Returns what
     * {@code until} completed with, or throws what it failed with.
     *
     * @throws IllegalStateException if the calling thread is not this context's run
     */
    <T> T await(CompletableFuture<T> until, boolean newStep) throws Exception {
        Run run;
        synchronized (lock) {
            run = current;
            if (run == null || run.thread != Thread.currentThread()) {
                throw new IllegalStateException("only a run's own thread can wait in it");
            }
            if (run.stopped()) {
                throw RunGuard.STOP;
            }
            run.suspended = true;
            suspendedAt = System.nanoTime();
            if (sliceTimer != null) {
                sliceTimer.cancel(false);
                sliceTimer = null;
            }
            sliceOver = false;
            attention = false;
            if (guard != null) {
                guard.lower(this);
            }
        }
        boolean interrupted = false;
        try {
            runner.suspend(until);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        Thread t = Thread.currentThread();
        synchronized (lock) {
            run.suspended = false;
            if (newStep) {
                run.startNanos = System.nanoTime();
                run.cpuStart = cpuTime(t);
                run.allocStart = allocated(t);
                run.charged = 0;
                run.output.newStep();
                wallNanos = 0;
                cpuNanos = 0;
                allocatedBytes = 0;
                outputBytes = 0;
            } else {
                // The same step goes on: the time it waited is not wall time it used.
                run.startNanos += System.nanoTime() - suspendedAt;
            }
            if (interrupted && !run.stopped()) {
                stop(run, "it was interrupted while it waited");
            }
            if (run.stopped()) {
                throw RunGuard.STOP;
            }
            armSlice(run);
        }
        return RunResult.await(until);
    }

    /**
     * How long the run in progress has gone on since it was stopped (past a budget, or cancelled)
     * without heeding it, in nanoseconds; -1 if no run is in progress or it was not stopped. A run
     * that does not end soon after its stop is stuck inside the JDK. Any thread.
     */
    long stoppedForNanos() {
        synchronized (lock) {
            Run run = current;
            return run == null || !run.stopped() ? -1 : System.nanoTime() - run.firstStoppedAt;
        }
    }

    /** Whether a run of this evaluation was given up while stuck inside the JDK (its instance should go). */
    boolean abandoned() {
        return abandoned;
    }

    /**
     * Snippet code was about to handle one of the JVM's own errors: the run ends instead (with so
     * little stack or heap left, what the handler does next could break more than the snippet).
     */
    void vmError(Throwable error) {
        synchronized (lock) {
            if (current != null) {
                stop(current, error instanceof StackOverflowError
                        ? "it overflowed the thread's stack (deep recursion inside JDK code, where only snippet calls are counted)"
                        : "it ran out of memory (" + error.getMessage() + ")");
            }
        }
        throw RunGuard.STOP;
    }

    /** The run's thread went past the call depth budget. */
    void tooDeep() {
        synchronized (lock) {
            if (current != null) {
                stop(current, "it called methods more than " + String.format(Locale.ROOT, "%,d", budget.callDepth())
                        + " deep (its call depth budget)");
            }
        }
        throw RunGuard.STOP;
    }

    /** The run's thread is about to make an array of {@code bytes}: refused past the budget. */
    void chargeAllocation(long bytes) {
        synchronized (lock) {
            if (current == null) {
                return;
            }
            long used = allocatedBytes + current.allocated(current.allocStart < 0 ? -1
                    : THREADS.getCurrentThreadAllocatedBytes());
            if (bytes > budget.allocatedBytes() - used) {
                stop(current, "it asked for " + bytes(bytes) + " at once with " + bytes(used) + " of its "
                        + bytes(budget.allocatedBytes()) + " allocation budget used");
                throw RunGuard.STOP;
            }
            current.charged += bytes;
        }
    }

    /**
     * Host code on the calling run's thread sends {@code bytes} of output (a message to players):
     * charged with what the run prints, against its output budget; past it the run is stopped here,
     * before the output is sent. Nothing outside a run of this context, and nothing for a printed
     * line on its way out (it was counted when printed).
     */
    void chargeOutput(long bytes) {
        synchronized (lock) {
            Run run = current;
            if (run == null || run.thread != Thread.currentThread() || run.output.emitting()) {
                return;
            }
            if (run.stopped()) {
                throw RunGuard.STOP;
            }
            if (!run.output.charge(bytes)) {
                stop(run, "it sent more than " + bytes(budget.outputBytes()) + " of output (its budget is "
                        + bytes(budget.outputBytes()) + "; messages count what each player receives)");
                throw RunGuard.STOP;
            }
        }
    }

    /**
     * Stops the run in progress at its next check, and every later run of this context at its
     * first: for a context made for one call, which may be cancelled before its run has begun.
     * Any thread.
     */
    void cancel(String reason) {
        synchronized (lock) {
            cancelled = reason;
            if (current != null) {
                stop(current, reason);
            }
        }
    }

    /** Stops the run in progress, if any, at its next check. Any thread. */
    void stop(String reason) {
        synchronized (lock) {
            if (current != null) {
                stop(current, reason);
            }
        }
    }

    private void stop(Run run, String reason) {
        if (!run.stopped()) {
            stopReason = reason;
            run.stoppedAt = System.nanoTime();
            run.firstStoppedAt = run.stoppedAt;
            raise();
        }
    }

    /** Sends the run's next check to the slow path. Under the lock. */
    private void raise() {
        attention = true;
        if (guard != null) {
            guard.raise(this);
        }
    }

    /**
     * The calling thread, running outside the fast lane, enters a snippet method: its depth is
     * counted here.
     */
    void enterLane() {
        Run run = current;
        if (run == null || run.thread != Thread.currentThread()) {
            return;
        }
        if (++run.laneDepth > budget.callDepth()) {
            tooDeep();
        }
    }

    /** The calling thread, outside the fast lane, leaves a snippet method. */
    void exitLane() {
        Run run = current;
        if (run != null && run.thread == Thread.currentThread()) {
            run.laneDepth--;
        }
    }

    /** Where the calling run's printed output goes (null outside a run of this context). */
    RunOutput output() {
        Run run = current;
        return run != null && run.thread == Thread.currentThread() ? run.output : null;
    }

    /** Why a run of this evaluation was stopped, or null. */
    String stopReason() {
        return stopReason;
    }

    void clearStop() {
        stopReason = null;
    }

    long runNanos() {
        synchronized (lock) {
            return wallNanos;
        }
    }

    private static long cpuTime(Thread t) {
        return t.isVirtual() ? -1 : THREADS.getCurrentThreadCpuTime();
    }

    private static long allocated(Thread t) {
        return t.isVirtual() ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? (long) s + " s" : String.format(Locale.ROOT, "%.1f s", s);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1 << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
    }

    /** A run ended by a stop, or one that could not be run. */
    static final class StoppedRun extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedRun() {
            super("stopped", null, false, false);
        }
    }
}
