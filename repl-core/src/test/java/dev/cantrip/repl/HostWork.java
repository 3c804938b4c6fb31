package dev.cantrip.repl;

/** Host methods snippets call in tests: work on the run's behalf that no snippet check sees. */
public final class HostWork {

    private HostWork() {}

    /** Sends {@code bytes} of output, as a message to a player would. */
    public static void send(long bytes) {
        RunCharges.output(bytes);
    }

    /** A host walk that never ends by itself, telling the run of each visit. */
    public static long walkForever() {
        long visits = 0;
        while (true) {
            RunCharges.visits(1);
            visits++;
        }
    }
}
