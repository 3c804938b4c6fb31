package dev.cantrip.repl;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in order, on a shared executor: a session's own worker without a
 * thread per session. A JShell instance is not thread-safe; everything done to it goes through
 * here.
 */
final class SerialExecutor implements Executor {

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean active;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (!active) {
            scheduleNext();
        }
    }

    private synchronized void scheduleNext() {
        Runnable next = tasks.poll();
        active = next != null;
        if (next == null) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    next.run();
                } finally {
                    scheduleNext();
                }
            });
        } catch (RejectedExecutionException e) {
            // The engine is stopping: the remaining tasks run here and fail fast as ended.
            active = false;
            next.run();
        }
    }
}
