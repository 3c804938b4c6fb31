package dev.cantrip.tasks;

import java.time.Duration;
import java.util.Optional;

/**
 * A delay's state, kept small (a million may be pending): the scheduler's heap holds it by due
 * time, its owner's list links it, and it is the handle its maker holds. Loop thread only.
 */
final class ScheduledTask implements Task {

    static final byte PENDING = 0;
    static final byte PAUSED = 1;
    static final byte DONE = 2;
    static final byte CANCELLED = 3;

    final long id;
    final TaskScheduler scheduler;
    final TaskScheduler.OwnerList owner;
    final String source;
    final Runnable action;
    long due; // epoch millis, while pending
    long remainingWhenPaused; // millis, while paused
    int heapIndex = -1;
    byte state = PENDING;
    ScheduledTask ownerPrev;
    ScheduledTask ownerNext;

    ScheduledTask(long id, TaskScheduler scheduler, TaskScheduler.OwnerList owner, String source, Runnable action,
                  long due) {
        this.id = id;
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
        return TaskKind.DELAY;
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
    public boolean active() {
        return state == PENDING || state == PAUSED;
    }

    @Override
    public boolean paused() {
        return state == PAUSED;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public Optional<String> broken() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Task #" + id + " (" + TaskKind.DELAY.word() + (state == PAUSED ? ", paused" : active() ? "" : ", done")
                + ")";
    }
}
