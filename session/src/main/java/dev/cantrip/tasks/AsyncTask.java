package dev.cantrip.tasks;

/**
 * A handle on work running in the background ({@code runAsync}): {@link #cancel()} stops it at its
 * next check (its callbacks then do not run), {@link #done()} says whether it has ended.
 */
public interface AsyncTask extends Task {

    /** Whether the work has ended (returned, failed, was stopped or cancelled). */
    default boolean done() {
        return !active();
    }
}
