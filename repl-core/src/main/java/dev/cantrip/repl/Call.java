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
     * ends as {@link CallOutcome.Stopped} with {@code reason}. Does nothing once it has ended. Any
     * thread.
     */
    void stop(String reason);
}
