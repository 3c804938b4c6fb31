package dev.cantrip.host;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The one thread that owns the host's world, as Cantrip needs it: work handed to it runs one piece
 * at a time, in the order it arrived, so world code never needs a lock, and it can be lent to a
 * snippet's thread for a time slice, so snippet code touches the world in turns with it.
 *
 * <p>Every method may be called from any thread unless it says otherwise. Work handed to a loop
 * that has stopped is dropped and reported by {@link #execute} returning {@code false}.
 */
public interface WorldLoop {

    /**
     * Queues {@code work} to run on the loop after everything queued before it.
     *
     * @return {@code false} if the loop has stopped and the work will never run
     */
    boolean execute(Runnable work);

    /**
     * Runs {@code work} on the loop and gives its result; for code off the loop that needs an
     * answer from the world. The future fails with {@link java.util.concurrent.RejectedExecutionException}
     * if the loop has stopped.
     */
    default <T> CompletableFuture<T> call(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        CompletableFuture<T> result = new CompletableFuture<>();
        boolean queued = execute(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        if (!queued) {
            result.completeExceptionally(new RejectedExecutionException("the world loop has stopped"));
        }
        return result;
    }

    /**
     * Runs {@code work} on the loop once {@code delay} has passed. Cancelling the returned
     * handle before it runs keeps it from running.
     */
    Timer schedule(Duration delay, Runnable work);

    /**
     * Whether the calling thread is this loop's thread, or the thread the loop is lent to right
     * now ({@link #lend}).
     */
    boolean inLoop();

    /**
     * Lends the loop to {@code borrower}, which then counts as the loop ({@link #inLoop}) while the
     * loop thread waits for it; null ends the loan. For code that runs in turns with the loop on a
     * thread of its own (snippet code in time slices): the world is still touched by one thread at
     * a time. Loop thread only.
     */
    void lend(Thread borrower);

    /**
     * Throws {@link WrongThreadException} unless the caller is on the loop.
     *
     * @param what what the caller was about to do, for the message ("read the name of #4")
     */
    default void checkInLoop(String what) {
        // Snippet code whose turn was revoked while it was inside a JDK call, reaching host code
        // before its next check, waits here for a new turn rather than touching the world without one.
        if (!inLoop() && !(dev.cantrip.repl.Checkpoint.reclaimTurn() && inLoop())) {
            throw new WrongThreadException(what, Thread.currentThread().getName(), threadName());
        }
    }

    /** The name of the loop's thread, for messages. */
    String threadName();

    /** A scheduled piece of work. */
    interface Timer {
        /** Keeps the work from running if it has not started; returns whether it was pending. */
        boolean cancel();
    }
}
