package dev.cantrip.game;

import dev.cantrip.store.Change;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import dev.cantrip.tasks.TaskRow;
import dev.cantrip.tasks.TaskStore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The game's {@link Store} as the place persistent tasks are kept: their writes are changes of
 * the game's own, group-committed with the world's, so a player told of a task's change (or of
 * anything after it) is told only once it is on disk.
 */
public final class StoredTasks implements TaskStore {

    /** The store's counter of task numbers. */
    static final String ID_COUNTER = "tasks";

    private final Store store;

    private StoredTasks(Store store) {
        this.store = store;
    }

    /** Keeps persistent tasks in {@code store}. */
    public static TaskStore in(Store store) {
        return new StoredTasks(Objects.requireNonNull(store, "store"));
    }

    /** The tasks a snapshot of the store holds. */
    public static List<TaskRow> rows(Snapshot snapshot) {
        return snapshot.tasks().stream()
                .map(r -> new TaskRow(r.id(), r.ownerId(), r.dueAt(), r.pausedLeft(), r.broken(), r.spec()))
                .toList();
    }

    /** The next task number a snapshot of the store holds. */
    public static long nextId(Snapshot snapshot) {
        return snapshot.counters().getOrDefault(ID_COUNTER, 1L);
    }

    @Override
    public long save(TaskRow row) {
        return store.submit(new Change.TaskSaved(row.id(), row.ownerId(), row.dueAt(), row.pausedLeft(), row.broken(),
                row.spec()));
    }

    @Override
    public long delete(long taskId) {
        return store.submit(new Change.TaskDeleted(taskId));
    }

    @Override
    public long advanceIds(long next) {
        return store.submit(new Change.CounterAdvanced(ID_COUNTER, next));
    }

    @Override
    public CompletableFuture<Void> whenDurable(long first, long last) {
        return store.whenDurable(first, last);
    }
}
