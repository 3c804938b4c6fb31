package dev.cantrip.bench.load;

import java.util.Arrays;

/** Latencies of one kind of command, in nanoseconds; thread-safe (synchronized). */
final class Latencies {

    private final String name;
    private long[] samples = new long[1024];
    private int n;
    private long timeouts;

    Latencies(String name) {
        this.name = name;
    }

    synchronized void add(long nanos) {
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
        }
        samples[n++] = nanos;
    }

    /** Forgets what was recorded so far (the warm-up's). */
    synchronized void clear() {
        n = 0;
        timeouts = 0;
    }

    /** A command whose answer never came within the run (counted as an error, not a latency). */
    synchronized void timedOut() {
        timeouts++;
    }

    synchronized int count() {
        return n;
    }

    /** The {@code q}-quantile (0..1), nearest rank, in nanoseconds; 0 if none. */
    synchronized long quantile(double q) {
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return sorted[(int) Math.max(0, Math.min(n - 1, Math.ceil(q * n) - 1))];
    }

    /** The figures so far: count, p50, p99, max, and timeouts. */
    synchronized LoadReport.Kind summary() {
        return new LoadReport.Kind(name, n, timeouts, quantile(0.50) / 1e6, quantile(0.99) / 1e6, quantile(1.0) / 1e6);
    }
}
