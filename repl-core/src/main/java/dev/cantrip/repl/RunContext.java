package dev.cantrip.repl;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one evaluation's runs share: where they run, what refreshes the bindings first, the time
 * limit, and what happened (time spent, why a run was stopped). Made per evaluation by
 * {@link JShellInstance}; used by {@link SnippetExecutionControl} on the session's worker.
 *
 * <p>A run past the limit is stopped at its next stop check; one still running a second later
 * (inside JDK code: a sleep, a blocking call) is interrupted. Both act only on the run they were
 * armed for, on its own thread, so a late alarm never touches the next run or other code of the
 * instance running elsewhere.
 */
final class RunContext {

    private static final long INTERRUPT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SnippetRunner runner;
    private final Runnable beforeRun;
    private final SessionIO io;
    private final ScheduledExecutorService watchdog;
    private final long limitNanos;
    private final Object lock = new Object();
    private long runNanos;
    private long runs;
    private long currentRun; // guarded by lock; 0 when no run is in progress
    private Thread currentThread; // guarded by lock
    private volatile String stopReason;

    RunContext(SnippetRunner runner, Runnable beforeRun, SessionIO io, ScheduledExecutorService watchdog,
               long limitNanos) {
        this.runner = runner;
        this.beforeRun = beforeRun;
        this.io = io;
        this.watchdog = watchdog;
        this.limitNanos = limitNanos;
    }

    /**
     * Runs snippet code through the runner: bindings refreshed, output allowance renewed, stopped
     * once this evaluation's runs together pass the limit. The time counted as run time includes
     * waiting for the runner.
     *
     * @throws StoppedRun if the run was stopped, or could not be run at all (the runner failed)
     * @throws InvocationTargetException if the snippet's code threw
     */
    <T> T run(Callable<T> code) throws Exception {
        long start = System.nanoTime();
        try {
            return runner.run(() -> runHere(code));
        } catch (StoppedRun | InvocationTargetException expected) {
            throw expected;
        } catch (Exception | Error e) {
            // The runner (or the binding refresh) failed, not the snippet: the code did not run.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopReason = "it could not be run (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")";
            throw new StoppedRun();
        } finally {
            runNanos += System.nanoTime() - start;
        }
    }

    private <T> T runHere(Callable<T> code) throws Exception {
        long run;
        synchronized (lock) {
            run = ++runs;
            currentRun = run;
            currentThread = Thread.currentThread();
            setStop(false, currentThread);
        }
        io.startRun();
        // The limit is for the whole evaluation: its runs share it, so many snippets in one input
        // (or many values in a listing) cannot add up to more.
        long left = Math.max(TimeUnit.MILLISECONDS.toNanos(1), limitNanos - runNanos);
        ScheduledFuture<?> stop = watchdog.schedule(() -> stopIfCurrent(run, "it ran longer than " + seconds(limitNanos)),
                left, TimeUnit.NANOSECONDS);
        ScheduledFuture<?> interrupt = watchdog.schedule(() -> interruptIfCurrent(run),
                left + INTERRUPT_GRACE_NANOS, TimeUnit.NANOSECONDS);
        try {
            beforeRun.run();
            return code.call();
        } catch (SessionIO.StopSignal s) {
            throw new StoppedRun();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof SessionIO.StopSignal) {
                throw new StoppedRun();
            }
            throw e;
        } finally {
            stop.cancel(false);
            interrupt.cancel(false);
            synchronized (lock) {
                currentRun = 0;
                currentThread = null;
                setStop(false, null);
                Thread.interrupted(); // an interrupt meant for this run must not reach the runner's thread
            }
            io.endRun();
        }
    }

    /** Stops the run in progress, if any, at its next check. Any thread. */
    void stop(String reason) {
        synchronized (lock) {
            if (currentRun != 0) {
                stopReason = reason;
                setStop(true, currentThread);
            }
        }
    }

    private void stopIfCurrent(long run, String reason) {
        synchronized (lock) {
            if (currentRun == run) {
                stopReason = reason;
                setStop(true, currentThread);
            }
        }
    }

    private void interruptIfCurrent(long run) {
        synchronized (lock) {
            if (currentRun == run && currentThread != null) {
                currentThread.interrupt();
            }
        }
    }

    /** Why a run of this evaluation was stopped, or null. */
    String stopReason() {
        return stopReason;
    }

    void clearStop() {
        stopReason = null;
    }

    long runNanos() {
        return runNanos;
    }

    private void setStop(boolean stop, Thread target) {
        io.stop(stop, target);
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? (long) s + " s" : String.format("%.1f s", s);
    }

    /** A run ended by a stop, or one that could not be run. */
    static final class StoppedRun extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedRun() {
            super("stopped", null, false, false);
        }
    }
}
