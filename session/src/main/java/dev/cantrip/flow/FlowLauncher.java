package dev.cantrip.flow;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * How a flow's code runs: with the host's trust (a game command's flow), or as a snippet's runs
 * under its owner's budget. Either way it runs in turns with the game loop, so that it may touch
 * the world, and gives its turn back while it pauses or waits for an answer.
 */
public interface FlowLauncher {

    /**
     * Starts the flow's body: {@code invoke} calls {@code body} with the flow in place. Returns
     * how it ended, once it has.
     */
    CompletableFuture<FlowEnd> launch(Object body, Callable<Object> invoke);

    /** Runs a callback of the flow ({@code then}) on the loop: {@code invoke} calls {@code lambda}. */
    void callback(Object lambda, Callable<?> invoke, String what);

    /**
     * The most the flow's thread may allocate over its whole life, its waits included: each wait
     * gives a snippet's flow a fresh budget for the step after it, so without this a flow that
     * keeps what it allocates (in its locals) across {@code pause(0)}s grows without end. No limit
     * by default (the host's own flows).
     */
    default long allocationLimit() {
        return Long.MAX_VALUE;
    }
}
