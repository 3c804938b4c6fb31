package dev.cantrip.repl;

import java.util.concurrent.CompletableFuture;

/**
 * A call of kept snippet code in progress ({@link ReplEngine#call}).
 *
 * @param <T> what the call returns
 */
public interface Call<T> {

    /** Completes, never exceptionally, when the call has ended. */
    CompletableFuture<CallOutcome<T>> outcome();

    /**
     * Stops the call at its next check (a sleep or wait in it is interrupted a second later); it
     * ends as {@link CallOutcome.Stopped} with {@code reason}. A call run on the host's own
     * executor ({@link ReplEngine#call(Object, java.util.concurrent.Callable, java.util.concurrent.Executor,
     * RunBudget)}) that has still not ended a short grace later is stuck inside the JDK: it is given
     * up (its outcome completes, {@link #left()} does not yet). Does nothing once it has ended. Any
     * thread.
     */
    void stop(String reason);

    /**
     * Completes when the call's code has left the thread it ran on: with {@link #outcome()}, or
     * later (perhaps never) for a call given up while stuck inside the JDK, whose thread is still
     * busy. A host that gave it its thread can hold back the owner's next work until then. For a
     * call made with a {@link SnippetRunner}, the runner reports its own give-ups (this completes
     * with the outcome).
     */
    default CompletableFuture<Void> left() {
        return outcome().thenApply(o -> null);
    }
}
