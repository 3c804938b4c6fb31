package dev.cantrip.world;

/**
 * Delivers text to whoever is attached to an object (the sessions puppeting a character). Called
 * from any thread; implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface Messenger {
    /** Sends {@code text} to every session attached to {@code target}; nothing if none is. */
    void deliver(GameObject target, String text);

    /**
     * How many sessions {@link #deliver} would send to now, for {@code target}: what a message to
     * it costs the run that sends it. One unless the implementation knows better.
     */
    default int listeners(GameObject target) {
        return 1;
    }
}
