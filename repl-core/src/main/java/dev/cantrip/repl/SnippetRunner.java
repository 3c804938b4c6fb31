package dev.cantrip.repl;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Where compiled snippet code runs. The engine compiles on a session's worker thread and hands
 * each run (a snippet's body, a variable's value being rendered) to the runner, which runs it
 * where the host wants (a game loop) and blocks the worker until it is done.
 */
@FunctionalInterface
public interface SnippetRunner {

    /**
     * Runs {@code code} and returns its result, or throws what it threw.
     *
     * @throws InterruptedException if the waiting worker is interrupted (the engine is stopping)
     */
    <T> T run(Callable<T> code) throws Exception;

    /**
     * Whether this runner runs code in time slices: if so, the engine calls {@link #endSlice} on the
     * run's thread, at its next check, once the run has used a slice ({@link EngineConfig#timeSlice()}).
     */
    default boolean slices() {
        return false;
    }

    /**
     * The run has used its time slice: returns when it may go on. Called on the run's thread, for a
     * runner that {@link #slices()}.
     *
     * @throws InterruptedException if the run was interrupted while it waited (it is then stopped)
     */
    default void endSlice() throws InterruptedException {
    }

    /**
     * The run on the calling thread waits for {@code until} without holding this runner: a runner
     * that takes turns gives its turn back and hands out the next one once {@code until} has
     * completed (normally or not); this returns when the run has that turn. By default, simply
     * waits for {@code until}. Called on the run's thread.
     *
     * @throws InterruptedException if the run was interrupted while it waited (it is then stopped)
     */
    default void suspend(CompletableFuture<?> until) throws InterruptedException {
        try {
            until.get();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            // The caller reads how it completed.
        }
    }

    /**
     * The engine gave up an operation that used this runner because compiling it passed its
     * budget: javac goes on, on a worker of its own, until {@code left} completes (which may take
     * long). A host that holds back a user's runs while one of theirs is stuck can hold back their
     * next input until then too. By default, nothing. Called on the engine's watchdog thread.
     */
    default void compileGivenUp(CompletableFuture<Void> left) {
    }

    /**
     * Runs code on a platform thread of its own, in turns: each turn is handed to {@code turns}
     * (a game loop's queue), which must run it or throw
     * {@link java.util.concurrent.RejectedExecutionException}. A turn lasts until the code ends or
     * has used a time slice; then the next turn is queued behind whatever else is waiting. While a
     * turn lasts, the thread that handed it out waits, and {@code lend} is told which thread runs
     * in its place (null when the turn is over), so the host can let that thread act as its own. A
     * turn that has not ended after {@code maxTurn} (code stuck inside the JDK, where no check
     * reaches) is given up: the waiting thread goes on, the code is stopped when it next reaches a
     * check, and its world access ends with the lending.
     */
    static SnippetRunner inSlices(Executor turns, java.util.function.Consumer<Thread> lend, java.time.Duration maxTurn) {
        return new SlicedRunner(turns, lend, maxTurn, maxTurn, left -> { });
    }

    /**
     * {@link #inSlices(Executor, java.util.function.Consumer, java.time.Duration)}, telling
     * {@code givenUp} when a turn is given up: it gets a future that completes once the run's
     * thread has left the code (which may be never), so the host can hold back that user's next
     * runs meanwhile instead of letting stuck threads pile up. A compile given up past its budget
     * ({@link #compileGivenUp}) is told to {@code givenUp} the same way.
     */
    static SnippetRunner inSlices(Executor turns, java.util.function.Consumer<Thread> lend, java.time.Duration maxTurn,
                                  java.util.function.Consumer<CompletableFuture<Void>> givenUp) {
        return new SlicedRunner(turns, lend, maxTurn, maxTurn, givenUp);
    }

    /**
     * {@link #inSlices(Executor, java.util.function.Consumer, java.time.Duration, java.util.function.Consumer)},
     * but the thread that hands out turns waits for one at most {@code turnWait}
     * ({@link EngineConfig#turnWait()}): a turn still going then (the code is inside a JDK call,
     * where no check reaches) is revoked, the lending ends and the waiting thread goes on, so
     * others wait at most that long. The code runs on detached, touching nothing of the host's
     * that checks the lending; at its next check it waits for a new turn, queued like any other.
     * Only once it has been stuck {@code maxTurn} since its turn began is it given up for good
     * ({@code givenUp} is told, as above).
     */
    static SnippetRunner inSlices(Executor turns, java.util.function.Consumer<Thread> lend, java.time.Duration maxTurn,
                                  java.time.Duration turnWait,
                                  java.util.function.Consumer<CompletableFuture<Void>> givenUp) {
        return new SlicedRunner(turns, lend, maxTurn, turnWait, givenUp);
    }

    /** Runs code on the calling thread (the session's worker). */
    static SnippetRunner direct() {
        return Callable::call;
    }

    /**
     * Runs code on {@code executor} and waits for it. The executor must run every task it accepts
     * or throw {@link java.util.concurrent.RejectedExecutionException} (a task it drops silently
     * leaves the worker waiting until the engine stops). If the waiting worker gives up
     * (interrupted) before the task starts, the task will not run.
     */
    static SnippetRunner on(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return new SnippetRunner() {
            @Override
            public <T> T run(Callable<T> code) throws Exception {
                CompletableFuture<T> done = new CompletableFuture<>();
                java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();
                executor.execute(() -> {
                    if (!claimed.compareAndSet(false, true)) {
                        return; // the worker gave up waiting: nobody would see what this does
                    }
                    try {
                        done.complete(code.call());
                    } catch (Throwable t) {
                        done.completeExceptionally(t);
                    }
                });
                try {
                    return RunResult.await(done);
                } catch (InterruptedException e) {
                    claimed.compareAndSet(false, true);
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        };
    }
}
