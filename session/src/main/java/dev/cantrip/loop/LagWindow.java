package dev.cantrip.loop;

/**
 * Delays over the last minute (the loop's lag; how long output waited to be saved): one histogram
 * per second, sixty of them in a ring, so the figures cover a minute however many events it held
 * (a ring of recent samples covers two seconds at 2,000 events a second). Bins are logarithmic with
 * 16 steps per power of two (within about 6%) above 64 µs, exact below; a percentile is reported as
 * its bin's upper edge. Synchronized: one thread records, any thread reads.
 */
public final class LagWindow {

    static final int SECONDS = 60;
    private static final int EXACT = 64; // microseconds below this have a bin each
    private static final int STEPS = 16; // bins per power of two above that
    private static final int BINS = EXACT + STEPS * (63 - 6);

    private final int[][] counts = new int[SECONDS][BINS];
    private final long[] second = new long[SECONDS]; // the epoch second each slot holds
    private final long[] maxNanos = new long[SECONDS];

    /** Records one event's lag, at {@code nowNanos} on the {@link System#nanoTime} clock. */
    public synchronized void record(long lagNanos, long nowNanos) {
        int slot = slot(nowNanos / 1_000_000_000L);
        long lag = Math.max(0, lagNanos);
        counts[slot][bin(lag / 1_000)]++;
        maxNanos[slot] = Math.max(maxNanos[slot], lag);
    }

    /** The figures over the minute up to {@code nowNanos}. */
    public synchronized LagStats last(long nowNanos) {
        long nowSecond = nowNanos / 1_000_000_000L;
        int[] merged = new int[BINS];
        long n = 0;
        long max = 0;
        for (int s = 0; s < SECONDS; s++) {
            if (nowSecond - second[s] >= SECONDS || second[s] > nowSecond) {
                continue; // not written within the last minute
            }
            for (int b = 0; b < BINS; b++) {
                merged[b] += counts[s][b];
                n += counts[s][b];
            }
            max = Math.max(max, maxNanos[s]);
        }
        if (n == 0) {
            return new LagStats(0, 0, 0, 0);
        }
        return new LagStats((int) Math.min(Integer.MAX_VALUE, n), Math.min(max, percentile(merged, n, 0.50)),
                Math.min(max, percentile(merged, n, 0.99)), max);
    }

    private int slot(long epochSecond) {
        int s = (int) Math.floorMod(epochSecond, (long) SECONDS);
        if (second[s] != epochSecond) {
            second[s] = epochSecond; // a slot a minute old: start it again
            java.util.Arrays.fill(counts[s], 0);
            maxNanos[s] = 0;
        }
        return s;
    }

    private static long percentile(int[] bins, long n, double q) {
        long rank = Math.max(1, (long) Math.ceil(n * q));
        long seen = 0;
        for (int b = 0; b < BINS; b++) {
            seen += bins[b];
            if (seen >= rank) {
                return upperMicros(b) * 1_000;
            }
        }
        return upperMicros(BINS - 1) * 1_000;
    }

    static int bin(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int power = 63 - Long.numberOfLeadingZeros(micros); // 6 or more
        int step = (int) ((micros >> (power - 4)) & (STEPS - 1));
        return Math.min(BINS - 1, EXACT + STEPS * (power - 6) + step);
    }

    /** The largest lag, in microseconds, that falls in bin {@code b}. */
    static long upperMicros(int b) {
        if (b < EXACT) {
            return b;
        }
        int power = 6 + (b - EXACT) / STEPS;
        int step = (b - EXACT) % STEPS;
        return ((long) (STEPS + step + 1) << (power - 4)) - 1;
    }
}
