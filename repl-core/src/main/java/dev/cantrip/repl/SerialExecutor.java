package dev.cantrip.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
    public void execute(Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (active) {
                return;
            }
        }
        scheduleNext();
    }

    private void scheduleNext() {
        Runnable next;
        synchronized (this) {
            next = tasks.poll();
            active = next != null;
            if (next == null) {
                return;
            }
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
            // The engine is stopping: run what is left here, in order. Each task sees the session
            // ended and fails its caller's future at once, so no caller waits for ever.
            List<Runnable> left = new ArrayList<>();
            synchronized (this) {
                left.add(next);
                left.addAll(tasks);
                tasks.clear();
                active = false;
            }
            for (Runnable r : left) {
                try {
                    r.run();
                } catch (RuntimeException ignored) {
                    // Each task completes its own future; the rest must still run.
                }
            }
        }
    }
}
