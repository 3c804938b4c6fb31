package dev.cantrip.world.attr;

import dev.cantrip.repl.RunCharges;
import java.util.Locale;

/**
 * Counts what one walk over a value visits, each visit as it happens, so that a value holding the
 * same list thirty times, ten levels deep, costs its 30^10 visits and is refused at the cap long
 * before they are made, rather than expanded. Every {@value #CHECK_EVERY} visits the run the walk
 * works for (if any) is told ({@link RunCharges#visits}), so it heeds its stop and ends its time
 * slice inside a long walk. One walk, one thread.
 */
final class WalkCap {

    private static final int CHECK_EVERY = 256;

    private final long max;
    private final String refusal;
    private long used;
    private int sinceCheck;

    /**
     * @param max what the walk may count in all
     * @param refusal the message when it passes {@code max} ({@code %,d} is {@code max})
     */
    WalkCap(long max, String refusal) {
        this.max = max;
        this.refusal = refusal;
    }

    /**
     * One more visit, counting {@code weight} (at least one).
     *
     * @throws AttrRejectedException past the cap
     */
    void visit(long weight) {
        used += Math.max(1, weight);
        if (used > max) {
            throw new AttrRejectedException(String.format(Locale.ROOT, refusal, max));
        }
        if (++sinceCheck >= CHECK_EVERY) {
            sinceCheck = 0;
            RunCharges.visits(CHECK_EVERY);
        }
    }

    /** What was counted so far. */
    long used() {
        return used;
    }
}
