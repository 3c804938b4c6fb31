package dev.cantrip.tasks;

import dev.cantrip.host.WorldLoop;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The game's tasks: work that runs on the game loop later ({@link #delay}), listed per owner,
 * cancelled, paused, run early. Host commands use it directly, with the host's trust; snippets
 * reach it through the {@code java} command's API, which runs their callbacks under their
 * owner's budget.
 *
 * <p>Due tasks run on the loop in due order, a slice at a time (a burst of them never holds the
 * loop for long: other events are served between slices). Loop thread only, except
 * {@link #pending()}.
 */
public interface Tasks {

    /**
     * Starts the task runtime on {@code loop}.
     *
     * @param clock the time tasks are due by (a test moves its own)
     * @param tell how an owner is told what became of a task (a callback that failed, tasks
     *     dropped by a reload); called on the loop
     */
    static Tasks start(WorldLoop loop, InstantSource clock, BiConsumer<TaskOwner, String> tell) {
        return new TaskScheduler(Objects.requireNonNull(loop, "loop"), null, Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(tell, "tell"));
    }

    /**
     * {@link #start(WorldLoop, InstantSource, BiConsumer)}, keeping persistent tasks in {@code store}:
     * written when made persistent, paused, resumed, cancelled or run.
     */
    static Tasks start(WorldLoop loop, TaskStore store, InstantSource clock, BiConsumer<TaskOwner, String> tell) {
        return new TaskScheduler(Objects.requireNonNull(loop, "loop"), Objects.requireNonNull(store, "store"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(tell, "tell"));
    }

    /**
     * Runs {@code action} on the loop once {@code after} has passed (at once if it is zero or
     * negative, but never inside this call). An action that throws is logged and its owner told.
     * An {@link AdmittedAction} is admitted first: the task waits, due and still pending (and on
     * disk, if persistent), until it is, and is dropped, its owner told, if it is refused.
     *
     * @param source what it runs, for listings (a callback's source, a command's description)
     */
    Task delay(TaskOwner owner, Duration after, String source, Runnable action);

    /**
     * {@link #delay(TaskOwner, Duration, String, Runnable)} for work that can be kept on disk:
     * {@code persister} describes it when the task is made persistent ({@link Task#persist()}).
     */
    Task delay(TaskOwner owner, Duration after, String source, Runnable action, Persister persister);

    /**
     * {@link Task#persist()} for many tasks with one wait for the disk: every task is checked and
     * described first, so either none becomes persistent (the exception names the task and why) or
     * all are durable when this returns. Tasks already persistent are left as they are. Returns
     * the tasks. Loop only (a snippet's run: it gives its turn back while the write happens).
     *
     * @throws IllegalArgumentException if one cannot be kept, or is not a task of this game
     * @throws IllegalStateException if one has already run or was cancelled, or is not a delay a
     *     snippet made
     */
    List<Task> persistAll(Collection<? extends Task> tasks);

    /**
     * Brings back persistent tasks read from the store, rebuilt by {@code restorer}: due ones in
     * due order, paused ones paused, broken ones listed (their owners told once, when they break).
     * A task's work is rebuilt when it comes due ({@link Task#rebuilding()} meanwhile); it stays in
     * the store until it fires, so a stop during its rebuild leaves it pending, never lost. New
     * tasks are numbered from {@code nextId} on (the store's counter), or past the kept ones.
     */
    void restore(List<TaskRow> rows, long nextId, Restorer restorer);

    /**
     * Keeps {@code task} (a persistent task whose work could not be rebuilt) as broken: listed with
     * {@code reason}, on disk, never run; its owner is told.
     */
    void broke(Task task, String reason);

    /**
     * Lists work that is already running (background work, an interactive flow) as a task of
     * {@code owner} until {@link #ended}: it shows in {@code tasks}, counts against the owner's
     * tasks, and its {@code cancel()} calls {@code stop} (once; the task is gone from listings at once).
     */
    AsyncTask track(TaskOwner owner, TaskKind kind, String source, Runnable stop);

    /** Running work tracked with {@link #track} has ended: it leaves the listings. */
    void ended(Task task);

    /** The active tasks of the account {@code accountId}, soonest first. */
    List<Task> of(long accountId);

    /** Every active task, soonest first. */
    List<Task> all();

    /** The active task numbered {@code id}. */
    Optional<Task> find(long id);

    /** How many tasks are active (pending or paused). Any thread. */
    int pending();

    /** {@link #pending()} by kind (every kind present, 0 if none). Any thread. */
    Map<TaskKind, Integer> pendingByKind();

    /** How many of {@code accountId}'s tasks are active. */
    int pendingOf(long accountId);

    /**
     * Holds every task due from now on until {@link #release} (a reload is replacing the world
     * they would act on). Due tasks waiting to be admitted stop asking (they hold nothing yet);
     * they ask again at release, unless the reload dropped them.
     */
    void hold();

    /** Lets held tasks run, in due order. */
    void release();

    /**
     * Drops every task waiting to run (a reload is replacing the world they act on), telling each
     * owner which of their non-persistent ones went and {@code why}; persistent ones come back
     * with {@link #restore}. Returns how many non-persistent tasks were dropped.
     */
    int dropNonPersistent(String why);

    /** Runs every task that is due now (the loop's timer calls this; a test with its own clock does). */
    void runDue();
}
