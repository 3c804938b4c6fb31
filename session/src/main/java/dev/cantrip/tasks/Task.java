package dev.cantrip.tasks;

import java.time.Duration;
import java.util.Optional;

/**
 * A handle on work that runs later: a {@code delay}'s callback (and, as they come, background
 * work and interactive flows). Handles stay valid after the task has run; they then report it as
 * no longer active and their actions do nothing.
 *
 * <p>Every method that changes a task runs on the game loop (snippets and commands are there);
 * from another thread they throw {@link dev.cantrip.host.WrongThreadException}.
 */
public interface Task {

    /** The task's number, unique on this server ({@code tasks/cancel 12}). */
    long id();

    /** What it is. */
    TaskKind kind();

    /** Whose it is. */
    TaskOwner owner();

    /** The callback's source as typed (or a host command's description), for listings. */
    String source();

    /**
     * Keeps it from running; returns whether it was still waiting (pending, paused, being compiled
     * again, or due and {@linkplain #waiting() waiting} to be let run).
     */
    boolean cancel();

    /** Stops the clock: the time left is kept until {@link #resume}; returns whether it was pending. */
    boolean pause();

    /** Starts the clock again with the time that was left; returns whether it was paused. */
    boolean resume();

    /**
     * Runs it now instead of later (it will not run again); returns whether it was still waiting.
     * A snippet's callback starts as a run of its own, right after the code that asked, once a
     * callback slot is free for it ({@link #waiting()} meanwhile).
     */
    boolean callNow();

    /** Time left before it runs: counting while pending, frozen while paused, zero once done. */
    Duration remaining();

    /** Whether it is still to run or running (pending, paused, or running background work). */
    boolean active();

    /** For running work: how long it has been running; zero for anything else. */
    Duration runningFor();

    /** Whether it is paused. */
    boolean paused();

    /**
     * Whether it came due and its work is being compiled again (a persistent task read back after
     * a restart or reload): it fires as soon as that is done, and is still on disk until then.
     */
    default boolean rebuilding() {
        return false;
    }

    /**
     * What it waits for, if it came due and waits to be let run: a snippet's callback waits for a
     * free callback slot, or for its owner's run stuck inside the JDK to end. It is still pending
     * meanwhile (a persistent one still on disk, so a stop or reload in the wait does not lose it):
     * {@link #cancel()} keeps it from running; {@link #pause()} and {@link #callNow()} do nothing.
     */
    default Optional<String> waiting() {
        return Optional.empty();
    }

    /** Whether it survives a reload and a restart. */
    boolean persistent();

    /**
     * Makes it survive a reload and a crash: it is on disk when this returns (the code that asked
     * waits for the write without holding up the game). It then fires exactly once, even across
     * restarts; its pause, resume and cancel are kept too. Returns this task.
     *
     * @throws IllegalArgumentException if what it would run cannot be kept (the message names the
     *     value and its type); it stays scheduled, not persistent
     * @throws IllegalStateException if it has already run or was cancelled, or is not a delay a
     *     snippet made
     */
    Task persist();

    /** Why it cannot run (it is kept, and listed, so its owner can see what became of it), if so. */
    Optional<String> broken();
}
