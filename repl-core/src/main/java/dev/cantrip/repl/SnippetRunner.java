package dev.cantrip.repl;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
                    return done.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Exception ex) {
                        throw ex;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw e;
                } catch (InterruptedException e) {
                    claimed.compareAndSet(false, true);
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        };
    }
}
