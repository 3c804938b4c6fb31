package dev.cantrip.scripting;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Notices when the heap is nearly full of live objects, and says so (on its own thread) while there
 * is still room to act: the caller clears REPL state before the game loop or the network threads
 * run out of memory.
 *
 * <p>"Live" is what a collection left: the JVM's collection-usage threshold on the old generation
 * (the pool every long-lived object ends in) reports a collection that left it above
 * {@code fraction} of its maximum. That alone comes too late: large arrays go straight into the old
 * generation, and a heap can fill from a third to full with no collection in between (measured:
 * G1, 512 MiB, 31 MB arrays every 100 ms: the first report came with the OutOfMemoryError). So a
 * watcher also reads the pool's current use every {@code period} (a cheap counter); above the
 * fraction, or told by the JVM's threshold notification, it asks for a full collection
 * ({@code System.gc()}, at most once a second) to learn how much of it is live, and
 * reports if the collection left it above. Only a full collection says: a concurrent cycle counts
 * what was allocated while it marked as live (so {@code -XX:+ExplicitGCInvokesConcurrent} makes
 * this report garbage, and {@code -XX:+DisableExplicitGC} leaves only the notifications). The
 * cost is a full collection at most once a second while the old generation is above the
 * fraction, garbage included. After a report the next waits for {@code cooldown}, so what was
 * cleared has time to be collected.
 */
public final class HeapPressure implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HeapPressure.class.getName());

    /**
     * What was found.
     *
     * @param used bytes of the old generation in use after the collection
     * @param max its maximum
     * @param target the use to get below: what should be let go is {@code used - target}
     */
    public record Report(long used, long max, long target) {
        /** Bytes to let go to be back at the target. */
        public long excess() {
            return Math.max(0, used - target);
        }
    }

    private final MemoryPoolMXBean pool;
    private final long threshold;
    private final long target;
    private final Duration cooldown;
    private final Consumer<Report> onPressure;
    private final NotificationListener listener;
    private final Thread watcher;
    private volatile boolean closed;
    private volatile boolean checkNow;
    // At most one full collection this often while the pool is above the fraction (garbage included):
    // 5 s let 9 arrays of 25 MiB, one a second, take it from under the fraction to 99% unseen.
    private static final Duration COLLECT_INTERVAL = Duration.ofSeconds(1);
    private long lastReport = Long.MIN_VALUE / 2; // nanos
    private long lastCollect = Long.MIN_VALUE / 2;

    private HeapPressure(MemoryPoolMXBean pool, double fraction, Duration period, Duration cooldown,
                         Consumer<Report> onPressure) {
        this.pool = pool;
        long max = pool.getUsage().getMax();
        this.threshold = (long) (max * fraction);
        this.target = (long) (max * Math.max(0.1, fraction - 0.2));
        this.cooldown = cooldown;
        this.onPressure = onPressure;
        pool.setCollectionUsageThreshold(threshold);
        this.watcher = Thread.ofPlatform().name("cantrip-heap-watch").daemon().unstarted(() -> watch(period));
        this.listener = (Notification n, Object handback) -> {
            if (MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED.equals(n.getType())) {
                // Confirmed by a full collection first: a concurrent cycle counts what was allocated
                // during its marking as live, so under churn it reports garbage (measured: two
                // sessions within budget cleared while a third dropped 30 MB arrays).
                checkNow = true;
                java.util.concurrent.locks.LockSupport.unpark(watcher);
            }
        };
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener(listener, null, null);
        watcher.start();
    }

    /**
     * Starts watching the old generation's pool.
     *
     * @param fraction of the pool's maximum above which, after a collection, the heap is short
     * @param onPressure told on the watcher's (or the JVM's notification) thread; must not block
     * @return the watch, or null if this JVM has no pool to watch (a collector without a bounded,
     *     threshold-supporting heap pool)
     */
    public static HeapPressure start(double fraction, Duration period, Duration cooldown, Consumer<Report> onPressure) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be between 0 and 1, got " + fraction);
        }
        Objects.requireNonNull(onPressure, "onPressure");
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()
                        && p.isUsageThresholdSupported() && p.getUsage().getMax() > 0)
                .sorted(Comparator.comparingLong((MemoryPoolMXBean p) -> p.getUsage().getMax()).reversed())
                .toList();
        if (pools.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "no heap pool to watch: REPL state is not cleared under heap pressure");
            return null;
        }
        return new HeapPressure(pools.getFirst(), fraction, period, cooldown, onPressure);
    }

    private void watch(Duration period) {
        while (!closed) {
            try {
                java.util.concurrent.locks.LockSupport.parkNanos(period.toNanos());
                if (Thread.interrupted()) {
                    return;
                }
                MemoryUsage now = pool.getUsage();
                long t = System.nanoTime();
                if ((checkNow || now.getUsed() > threshold) && t - lastCollect >= COLLECT_INTERVAL.toNanos()
                        && t - lastReport >= cooldown.toNanos()) {
                    checkNow = false;
                    lastCollect = t;
                    // How much of it is live: only a collection can say.
                    System.gc();
                    afterCollection(pool.getCollectionUsage());
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                // Keep watching: the next period may find room to act.
            }
        }
    }

    private synchronized void afterCollection(MemoryUsage after) {
        long t = System.nanoTime();
        if (after == null || after.getUsed() <= threshold || t - lastReport < cooldown.toNanos() || closed) {
            return;
        }
        lastReport = t;
        onPressure.accept(new Report(after.getUsed(), after.getMax(), target));
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        try {
            ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
            // Already gone.
        }
    }
}
