package dev.cantrip.tasks;

import java.time.Duration;
import java.util.Optional;

/**
 * A task's state, kept small (a million delays may be pending): the scheduler's heap holds a
 * delay by due time, its owner's list links it, and it is the handle its maker holds. Background
 * work is the same object, running rather than pending, with what stops it. Loop thread only,
 * except the reads a listing makes.
 */
final class ScheduledTask implements AsyncTask {

    static final byte PENDING = 0;
    static final byte PAUSED = 1;
    static final byte RUNNING = 2;
    static final byte DONE = 3;
    static final byte CANCELLED = 4;
    static final byte BROKEN = 5;
    static final byte REBUILDING = 6; // came due; its work (read back from the store) is being compiled
    static final byte ADMITTING = 7; // came due; its action waits to be admitted (AdmittedAction)

    final long id;
    final TaskKind kind;
    final TaskScheduler scheduler;
    final TaskScheduler.OwnerList owner;
    final String source;
    final Runnable action; // a delay's action; for running work, what stops it
    long due; // epoch millis: when a delay is due; when running work started
    long remainingWhenPaused; // millis, while paused
    int heapIndex = -1;
    byte state = PENDING;
    ScheduledTask ownerPrev;
    ScheduledTask ownerNext;
    Persister persister; // how a snippet's delay can be kept on disk (null: it cannot)
    String spec; // once persistent: what is on disk
    String brokenReason; // when BROKEN
    // A task read back from the store whose work is not compiled yet: asked for when it comes due.
    java.util.function.Function<Task, java.util.concurrent.CompletionStage<Restorer.Rebuilt>> rebuild;
    Runnable rebuiltWork; // what the rebuild made; the action runs it
    TaskScheduler.Admitting admitting; // while ADMITTING: its request, unless a reload holds the tasks

    ScheduledTask(long id, TaskKind kind, TaskScheduler scheduler, TaskScheduler.OwnerList owner, String source,
                  Runnable action, long due) {
        this.id = id;
        this.kind = kind;
        this.scheduler = scheduler;
        this.owner = owner;
        this.source = source;
        this.action = action;
        this.due = due;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public TaskKind kind() {
        return kind;
    }

    @Override
    public TaskOwner owner() {
        return owner.owner;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean cancel() {
        return scheduler.cancel(this);
    }

    @Override
    public boolean pause() {
        return scheduler.pause(this);
    }

    @Override
    public boolean resume() {
        return scheduler.resume(this);
    }

    @Override
    public boolean callNow() {
        return scheduler.callNow(this);
    }

    @Override
    public Duration remaining() {
        return scheduler.remaining(this);
    }

    @Override
    public Duration runningFor() {
        return scheduler.runningFor(this);
    }

    @Override
    public boolean active() {
        return state == PENDING || state == PAUSED || state == RUNNING || state == REBUILDING || state == ADMITTING;
    }

    @Override
    public boolean rebuilding() {
        return state == REBUILDING;
    }

    @Override
    public Optional<String> waiting() {
        return scheduler.waiting(this);
    }

    /** What runs it: the work its rebuild made, for a task read back from the store; else its action. */
    Runnable work() {
        return rebuiltWork != null ? rebuiltWork : action;
    }

    @Override
    public boolean paused() {
        return state == PAUSED;
    }

    @Override
    public boolean persistent() {
        return spec != null;
    }

    @Override
    public Task persist() {
        return scheduler.persist(this);
    }

    @Override
    public Optional<String> broken() {
        return Optional.ofNullable(brokenReason);
    }

    @Override
    public String toString() {
        return "Task #" + id + " (" + kind.word() + (state == PAUSED ? ", paused" : state == REBUILDING ? ", rebuilding"
                : state == ADMITTING ? ", waiting" : active() ? "" : ", done") + ")";
    }
}
