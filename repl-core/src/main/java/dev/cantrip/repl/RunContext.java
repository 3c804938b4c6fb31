package dev.cantrip.repl;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one evaluation's runs share: where they run, what refreshes the bindings first, the time
 * limit, and what happened (time spent, why a run was stopped). Made per evaluation by
 * {@link JShellInstance}; used by {@link SnippetExecutionControl} on the session's worker.
 */
final class RunContext {

    private final SnippetRunner runner;
    private final Runnable beforeRun;
    private final SessionIO io;
    private final Class<?> holder;
    private final ScheduledExecutorService watchdog;
    private final long limitNanos;
    private long runNanos;
    private volatile String stopReason;

    RunContext(SnippetRunner runner, Runnable beforeRun, SessionIO io, Class<?> holder,
               ScheduledExecutorService watchdog, long limitNanos) {
        this.runner = runner;
        this.beforeRun = beforeRun;
        this.io = io;
        this.holder = holder;
        this.watchdog = watchdog;
        this.limitNanos = limitNanos;
    }

    /**
     * Runs snippet code through the runner: bindings refreshed, output allowance renewed, stopped
     * if it runs past the limit.
     *
     * @throws StoppedRun if the run was stopped, or could not be run at all (the runner failed)
     * @throws java.lang.reflect.InvocationTargetException if the snippet's code threw
     */
    <T> T run(Callable<T> code) throws Exception {
        try {
            return runInRunner(code);
        } catch (StoppedRun | java.lang.reflect.InvocationTargetException expected) {
            throw expected;
        } catch (Exception | Error e) {
            // The runner (or the binding refresh) failed, not the snippet: the code did not run.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopReason = "it could not be run (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ")";
            throw new StoppedRun();
        }
    }

    private <T> T runInRunner(Callable<T> code) throws Exception {
        return runner.run(() -> {
            long start = System.nanoTime();
            setStop(false);
            io.startRun();
            ScheduledFuture<?> alarm = watchdog.schedule(() -> stop("it ran longer than " + seconds(limitNanos)),
                    limitNanos, TimeUnit.NANOSECONDS);
            try {
                beforeRun.run();
                return code.call();
            } catch (SessionIO.StopSignal s) {
                throw new StoppedRun();
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof SessionIO.StopSignal) {
                    throw new StoppedRun();
                }
                throw e;
            } finally {
                alarm.cancel(false);
                setStop(false);
                io.endRun();
                runNanos += System.nanoTime() - start;
            }
        });
    }

    /** Stops the run in progress at its next check. Any thread. */
    void stop(String reason) {
        stopReason = reason;
        setStop(true);
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

    private void setStop(boolean stop) {
        try {
            holder.getField("stop").setBoolean(null, stop);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the stop flag of the snippet holder class is missing", e);
        }
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        return s == Math.rint(s) ? (long) s + " s" : String.format("%.1f s", s);
    }

    /** A run ended by {@link #stop}. */
    static final class StoppedRun extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedRun() {
            super("stopped", null, false, false);
        }
    }
}
