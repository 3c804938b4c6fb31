package dev.cantrip.repl;

/**
 * How host code charges the run in progress on the calling thread for work it does on the run's
 * behalf that no snippet check sees: output it sends to players ({@code msg}), and walks over data
 * the snippet handed it (converting a value to an attribute, rendering, encoding). A snippet calls
 * such host code directly, so the host code runs on the run's own thread, inside its budget.
 *
 * <p>Outside a run (host code called by host code: a command, a load, the loop's own work) every
 * method here does nothing, so host code can call them unconditionally.
 */
public final class RunCharges {

    private RunCharges() {}

    /**
     * Charges {@code bytes} of output the calling run sends to players to its output budget (the
     * one its printed output counts against). Past the budget the run is stopped here, before the
     * output is sent: "Stopped: it sent more than 64.0 KiB of output (its budget is ...)". Call it
     * before sending, with what will be delivered (to a room: once per listener).
     */
    public static void output(long bytes) {
        RunContext run = RunContext.current();
        if (run != null) {
            run.chargeOutput(bytes);
        }
    }

    /**
     * {@link #output(long)} for one line of text sent to one player ({@link #lineBytes}); outside a
     * run it does not even count the bytes.
     */
    public static void outputLine(String text) {
        RunContext run = RunContext.current();
        if (run != null) {
            run.chargeOutput(lineBytes(text));
        }
    }

    /**
     * What a line of text costs as output: its UTF-8 bytes and a line break, as a player's
     * connection receives it. Counted without encoding it.
     */
    public static long lineBytes(String text) {
        long n = 1;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * A host walk over snippet-supplied data visits {@code count} more parts of it. The run heeds
     * a stop and ends its time slice here, as at a snippet's own check, so a walk is bounded by
     * the run's CPU and wall budgets and never holds the game loop past a slice. Call it at least
     * every few hundred visits; the walk's own cap on what it visits (so that shared
     * substructures cannot multiply) is the walker's business.
     */
    public static void visits(long count) {
        RunContext run = RunContext.current();
        if (run != null) {
            run.alerted();
        }
    }

    /**
     * An identity of the run in progress on the calling thread (the same object for every run of
     * one evaluation or call), or null outside a run: for host code that keeps something per run,
     * such as messages waiting for the game loop. Compare it by identity; it holds no API.
     */
    public static Object run() {
        return RunContext.current();
    }
}
