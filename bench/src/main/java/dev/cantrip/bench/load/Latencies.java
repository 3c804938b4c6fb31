package dev.cantrip.bench.load;

import java.util.Arrays;

/**
 * Latencies of one kind of command, in nanoseconds, each twice: from when the command was due
 * (the figure a slow server cannot hide behind a client that waits) and from when the client
 * wrote it (without the client's own delay). Thread-safe (synchronized).
 */
final class Latencies {

    private final String name;
    private final Series fromDue = new Series();
    private final Series fromSent = new Series();
    private long timeouts;

    Latencies(String name) {
        this.name = name;
    }

    synchronized void add(long fromDueNanos, long fromSentNanos) {
        fromDue.add(fromDueNanos);
        fromSent.add(fromSentNanos);
    }

    /** A command whose answer never came within the run (counted as an error, not a latency). */
    synchronized void timedOut() {
        timeouts++;
    }

    /** Forgets what was recorded so far (the warm-up's). */
    synchronized void clear() {
        fromDue.n = 0;
        fromSent.n = 0;
        timeouts = 0;
    }

    synchronized int count() {
        return fromDue.n;
    }

    /** The figures so far. */
    synchronized LoadReport.Kind summary() {
        return new LoadReport.Kind(name, fromDue.n, timeouts, fromDue.percentiles(), fromSent.percentiles());
    }

    /** A growing array of samples. */
    private static final class Series {
        private long[] samples = new long[1024];
        private int n;

        void add(long nanos) {
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, n * 2);
            }
            samples[n++] = nanos;
        }

        LoadReport.Percentiles percentiles() {
            if (n == 0) {
                return new LoadReport.Percentiles(0, 0, 0);
            }
            long[] sorted = Arrays.copyOf(samples, n);
            Arrays.sort(sorted);
            return new LoadReport.Percentiles(rank(sorted, 0.50) / 1e6, rank(sorted, 0.99) / 1e6, sorted[n - 1] / 1e6);
        }

        /** The {@code q}-quantile, nearest rank. */
        private long rank(long[] sorted, double q) {
            return sorted[(int) Math.max(0, Math.min(n - 1, Math.ceil(q * n) - 1))];
        }
    }
}
