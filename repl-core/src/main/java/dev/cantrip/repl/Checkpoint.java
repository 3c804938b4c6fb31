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
     * Waits for {@code until} without holding the game loop, for host code that an interactive
     * flow calls ({@code pause}, {@code ask}): a run in time slices gives its turn back, its clocks
     * stop, and once {@code until} completes it waits for its next turn and goes on with a fresh
     * step's budget. Host code running in turns without a run (a host command's flow) gives its
     * turn back the same way; any other thread simply waits.
     *
     * @return what {@code until} completed with
     * @throws Exception what {@code until} failed with (a cancellation of the flow, for instance)
     */
    public static <T> T await(java.util.concurrent.CompletableFuture<T> until) throws Exception {
        return await(until, true);
    }

    /**
     * {@link #await(java.util.concurrent.CompletableFuture)} within the current step: the run's
     * budget is not renewed (the time waited is not counted either), for host code that waits for
     * something brief on the snippet's behalf (a write to disk), so that waiting cannot be used to
     * renew a budget.
     */
    public static <T> T awaitInStep(java.util.concurrent.CompletableFuture<T> until) throws Exception {
        return await(until, false);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> until, boolean newStep) throws Exception {
        java.util.Objects.requireNonNull(until, "until");
        RunContext run = RunContext.current();
        if (run != null) {
            return run.await(until, newStep);
        }
        SlicedRunner.suspendHere(until);
        return RunResult.await(until);
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

    /**
     * For host code about to touch state that belongs to the thread running snippet code in turns
     * (the game loop), called on a thread that is not it: if the calling thread runs snippet code
     * whose turn was revoked while it was inside a JDK call
     * ({@link SnippetRunner#inSlices(java.util.concurrent.Executor, java.util.function.Consumer,
     * java.time.Duration, java.time.Duration, java.util.function.Consumer)}), it asks for a new
     * turn and waits for it. Returns whether the calling thread has a turn now; false on any other
     * thread.
     */
    public static boolean reclaimTurn() {
        return SlicedRunner.reclaimTurn();
    }
}
