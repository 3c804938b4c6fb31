package dev.cantrip.game;

/**
 * Counts events per second for the last minute (a ring of sixty counters), for rates such as
 * commands per second. Synchronized: counted on the loop, read by any thread.
 */
final class RateWindow {

    private static final int SECONDS = 60;
    private final long[] counts = new long[SECONDS];
    private final long[] second = new long[SECONDS];

    /** Counts one event at {@code nowNanos} ({@link System#nanoTime}). */
    synchronized void count(long nowNanos) {
        long s = nowNanos / 1_000_000_000L;
        int slot = (int) Math.floorMod(s, (long) SECONDS);
        if (second[slot] != s) {
            second[slot] = s;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Events per second over the minute up to {@code nowNanos}. */
    synchronized double perSecond(long nowNanos) {
        long now = nowNanos / 1_000_000_000L;
        long n = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (second[i] <= now && now - second[i] < SECONDS) {
                n += counts[i];
            }
        }
        return n / (double) SECONDS;
    }
}
