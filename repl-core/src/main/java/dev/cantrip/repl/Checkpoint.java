package dev.cantrip.repl;

/**
 * The checks snippet code makes at its loops, for host code that snippets call and that can work
 * for long without calling snippet code back: a regular expression matcher walking its input, a
 * stream counting to a billion. Such code calls {@link #check()} as it goes, and
 * {@link #charge(long)} before it makes something large, so the run that called it is stopped
 * within its budget like the snippet's own code.
 *
 * <p>Outside a run (host code called by host code) both return at once.
 */
public final class Checkpoint {

    private Checkpoint() {}

    /** Stops the calling run here if it is being stopped (it throws the run's stop signal). */
    public static void check() {
        RunContext run = RunContext.current();
        if (run != null) {
            run.alerted();
        }
    }

    /**
     * Charges {@code bytes} about to be allocated to the calling run's allocation budget: past what
     * is left, the run is stopped here, before the allocation, and told why.
     */
    public static void charge(long bytes) {
        RunContext run = RunContext.current();
        if (run != null) {
            run.chargeAllocation(bytes);
        }
    }
}
