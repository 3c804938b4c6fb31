package dev.cantrip.store;

import java.time.Instant;

/**
 * One change to persistent state, captured as plain values on the game loop and applied to the
 * database by the store's writer thread. Records hold no live objects, so the writer never
 * touches the world.
 */
public sealed interface Change {

    /**
     * An object was created or its key, kind, location, destination or owner changed.
     *
     * @param ownerId the id of the account that owns it, or null for nobody (only Admins change it)
     */
    record ObjectSaved(long id, String key, String kind, Long locationId, Long destinationId, Long ownerId)
            implements Change {

        /** An object owned by nobody. */
        public ObjectSaved(long id, String key, String kind, Long locationId, Long destinationId) {
            this(id, key, kind, locationId, destinationId, null);
        }
    }

    /** An object and all its attributes were destroyed. */
    record ObjectDeleted(long id) implements Change {}

    /** An attribute was set; {@code encoded} is its storage form. */
    record AttributeSet(long objectId, String name, String encoded) implements Change {}

    /** An attribute was removed. */
    record AttributeDeleted(long objectId, String name) implements Change {}

    /** An account was created or changed. */
    record AccountSaved(long id, String name, String passwordHash, String role, long characterId, Instant createdAt)
            implements Change {}

    /**
     * A counter moved forward (ids are never reused, even after the object with the highest id is
     * destroyed, so an old {@code #N} never names a new object).
     */
    record CounterAdvanced(String name, long next) implements Change {}

    /**
     * A persistent task was made or changed.
     *
     * @param dueAt when it is due (epoch milliseconds); while paused, when it was paused
     * @param pausedLeft while paused, the milliseconds it had left; else null
     * @param broken why it cannot run (kept, listed, never run), or null
     * @param spec how to rebuild it, in the host's text form
     */
    record TaskSaved(long id, long ownerId, long dueAt, Long pausedLeft, String broken, String spec) implements Change {}

    /** A persistent task ran, was cancelled or dropped: it is gone. */
    record TaskDeleted(long id) implements Change {}
}
