package dev.cantrip.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the probes share: percentiles of their samples, and the heap in use once collections settle. */
public final class Measures {

    private Measures() {}

    /** The {@code p}-th percentile (0 to 100) of {@code xs}, nearest rank. */
    public static double pct(List<Double> xs, double p) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** Heap in use after full collections, once it stops shrinking. */
    public static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(200);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last - (256 << 10)) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
