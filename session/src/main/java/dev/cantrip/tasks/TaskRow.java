package dev.cantrip.tasks;

/**
 * A persistent task as a {@link TaskStore} keeps it.
 *
 * @param id the task's number, never given to another task
 * @param ownerId the account of the player whose code it runs
 * @param dueAt when it is due, in epoch milliseconds (ignored while paused)
 * @param pausedLeft milliseconds left when it was paused, or null if it is not paused
 * @param broken why it can no longer run (kept so its owner can see it), or null
 * @param spec what rebuilds its action after a restart ({@link Restorer})
 */
public record TaskRow(long id, long ownerId, long dueAt, Long pausedLeft, String broken, String spec) {}
