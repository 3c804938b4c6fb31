package dev.cantrip.repl;

import java.util.concurrent.CompletableFuture;

/** Host code a test snippet calls to wait, as an interactive flow's pause or question does. */
public final class Waits {
    public static volatile CompletableFuture<String> next;

    private Waits() {}

    public static String next() throws Exception {
        return Checkpoint.await(next);
    }
}
