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
    // The task running now (null when none), so a stuck one can be left behind: see detach.
    private Turn running;

    /** One task's time on the worker. */
    static final class Turn {
        private boolean detached;
    }

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

    /** The turn of the task running now; called by that task, on its thread. */
    synchronized Turn current() {
        return running;
    }

    /**
     * Lets the tasks queued behind {@code turn}'s task go on without it, on another thread of the
     * pool (it is stuck where it cannot be stopped). Returns false if that task has already ended.
     */
    boolean detach(Turn turn) {
        synchronized (this) {
            if (running != turn || turn == null) {
                return false;
            }
            turn.detached = true;
            running = null;
        }
        scheduleNext();
        return true;
    }

    private void scheduleNext() {
        Runnable next;
        Turn turn = new Turn();
        synchronized (this) {
            next = tasks.poll();
            active = next != null;
            running = next == null ? null : turn;
            if (next == null) {
                return;
            }
        }
        try {
            pool.execute(() -> {
                try {
                    next.run();
                } finally {
                    synchronized (this) {
                        if (turn.detached) {
                            return; // the tasks behind it went on without it
                        }
                        running = null;
                    }
                    scheduleNext();
                }
            });
        } catch (RejectedExecutionException e) {
            // The engine is stopping: run what is left here, in order. Each task sees the session
            // ended and fails its caller's future at once, so no caller waits for ever.
            List<Runnable> left = new ArrayList<>();
            synchronized (this) {
                running = null;
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
