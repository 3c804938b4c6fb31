package dev.cantrip.loop;

import dev.cantrip.host.WorldLoop;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The game's loop: the one thread that owns the world. Network threads, workers and timers hand it
 * work; it runs that work one piece at a time, in the order it arrived, so world code never needs a
 * lock. What Cantrip needs of it is {@link WorldLoop}; this adds what the server runs it by (its
 * start, health, lag and shutdown).
 *
 * <p>Every method may be called from any thread. Work handed to a loop that has stopped is
 * dropped and reported by {@link #execute} returning {@code false}.
 */
public interface GameLoop extends WorldLoop, AutoCloseable {

    /**
     * Starts a loop on a new platform thread of the given name.
     *
     * @param onFatal told (on the loop thread) of an error that stopped the loop, such as running
     *     out of memory; ordinary exceptions are logged and the loop goes on
     */
    static GameLoop start(String threadName, Consumer<Throwable> onFatal) {
        return SingleThreadGameLoop.start(threadName, onFatal);
    }

    /** Starts a loop whose fatal errors are only logged. */
    static GameLoop start(String threadName) {
        return start(threadName, fatal -> { });
    }

    /** Whether the loop is taking and running work. Any thread. */
    boolean running();

    /**
     * How long the piece of work running on the loop now has been running, in nanoseconds (0 when
     * the loop is idle or between pieces): a heartbeat for health checks, since a loop stuck in
     * one piece takes no other work. Any thread.
     */
    default long busyNanos() {
        return 0;
    }

    /**
     * Lag of the events the loop started in the last minute: the time from an event's arrival (a
     * timer's due time) to its start. Any thread.
     */
    LagStats lag();

    /**
     * Stops taking work, runs what is already queued, and waits up to {@code timeout} for the
     * thread to end. Timers not yet due are dropped.
     */
    void shutdown(Duration timeout);

    @Override
    default void close() {
        shutdown(Duration.ofSeconds(10));
    }
}
