package dev.cantrip.tasks;

import java.util.concurrent.CompletableFuture;

/**
 * Where persistent tasks are kept, so that they survive a restart: the host's own storage. Writes
 * are queued in order and made durable later (a host may group them with its own changes); a task
 * leaves the store only in the durable step in which it runs or is cancelled, which
 * {@link #whenDurable} lets the scheduler wait for. Called on the world's thread only.
 */
public interface TaskStore {

    /**
     * Queues writing {@code row} (a new task, or a change to one with the same id).
     *
     * @return the write's sequence number, for {@link #whenDurable}
     */
    long save(TaskRow row);

    /**
     * Queues removing the task {@code taskId} (nothing if it is not kept).
     *
     * @return the write's sequence number, for {@link #whenDurable}
     */
    long delete(long taskId);

    /**
     * Queues raising the next task number to at least {@code next}: numbers are never given twice,
     * even across restarts, so an old "task #12" never names a new task.
     *
     * @return the write's sequence number, for {@link #whenDurable}
     */
    long advanceIds(long next);

    /** Completes once every write from {@code first} to {@code last} is durable; fails if one cannot be. */
    CompletableFuture<Void> whenDurable(long first, long last);
}
