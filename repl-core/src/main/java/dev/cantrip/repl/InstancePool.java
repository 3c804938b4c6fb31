package dev.cantrip.repl;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps a few built and warmed {@link JShellInstance}s ready, refilled in the background on one
 * low-priority thread, so a session's first evaluation does not pay for building JShell.
 */
final class InstancePool {

    private static final System.Logger LOG = System.getLogger(InstancePool.class.getName());

    private static final long REFILL_DELAY_MS = 250;

    private final ConcurrentLinkedQueue<JShellInstance> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final Supplier<JShellInstance> factory;
    private final ScheduledExecutorService builder;
    private final int target;
    private volatile boolean closed;

    /** {@code deferred}: nothing is built until {@link #fill()} or the first {@link #take()}. */
    InstancePool(Supplier<JShellInstance> factory, ScheduledExecutorService builder, int target, boolean deferred) {
        this.factory = factory;
        this.builder = builder;
        this.target = target;
        if (!deferred) {
            refill(0);
        }
    }

    /** Starts filling now (a no-op while a round is under way or the pool is full). */
    void fill() {
        refill(0);
    }

    /** A warm instance if one is ready, else one built now on the calling thread. */
    JShellInstance take() {
        if (closed) {
            throw new IllegalStateException("the instance pool is closed");
        }
        JShellInstance i = ready.poll();
        if (i != null) {
            readyCount.decrementAndGet();
        }
        // Later, not now: building an instance takes both cores for a moment on a small machine,
        // and the session that took this one is about to compile its first snippet.
        refill(REFILL_DELAY_MS);
        return i != null ? i : factory.get();
    }

    /** Warm instances waiting. */
    int size() {
        return readyCount.get();
    }

    private void refill(long delayMs) {
        if (closed || readyCount.get() >= target || !refilling.compareAndSet(false, true)) {
            return;
        }
        try {
            builder.schedule(() -> {
                boolean failed = false;
                try {
                    while (!closed && readyCount.get() < target) {
                        ready.add(factory.get());
                        readyCount.incrementAndGet();
                    }
                } catch (RuntimeException | LinkageError e) {
                    failed = true; // not retried until the next take, so a broken startup does not spin
                    LOG.log(System.Logger.Level.ERROR, "could not build a JShell instance for the pool", e);
                } finally {
                    refilling.set(false);
                    if (closed) {
                        drain();
                    } else if (!failed) {
                        refill(0); // a take may have raced with the end of this round
                    }
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            refilling.set(false);
        }
    }

    void close() {
        closed = true;
        drain();
    }

    private void drain() {
        JShellInstance i;
        while ((i = ready.poll()) != null) {
            readyCount.decrementAndGet();
            i.close();
        }
    }
}
