package dev.cantrip.repl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for a run handed to another thread, and getting back what it returned or threw. */
final class RunResult {

    private RunResult() {}

    /**
     * The run's result; what it threw, as it threw it.
     *
     * @throws InterruptedException if the waiting thread is interrupted (the caller decides what
     *     becomes of the run)
     */
    static <T> T await(CompletableFuture<T> done) throws Exception {
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
        } catch (java.util.concurrent.CancellationException e) {
            throw e;
        }
    }
}
