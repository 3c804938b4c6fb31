package dev.cantrip.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the game keeps, as read from the database at start or at a reload.
 *
 * @param objects every game object
 * @param attributes every attribute, in storage form
 * @param accounts every account
 * @param counters id counters by name
 * @param tasks every persistent task, soonest first
 */
public record Snapshot(List<ObjectRow> objects, List<AttributeRow> attributes, List<AccountRow> accounts,
                       Map<String, Long> counters, List<TaskRow> tasks) {

    public Snapshot {
        objects = List.copyOf(objects);
        attributes = List.copyOf(attributes);
        accounts = List.copyOf(accounts);
        counters = Map.copyOf(counters);
        tasks = List.copyOf(tasks);
    }

    /** A stored persistent task (see {@link Change.TaskSaved}). */
    public record TaskRow(long id, long ownerId, long dueAt, Long pausedLeft, String broken, String spec) {}

    /** A stored game object; {@code ownerId} is null when nobody owns it. */
    public record ObjectRow(long id, String key, String kind, Long locationId, Long destinationId, Long ownerId) {

        /** An object owned by nobody. */
        public ObjectRow(long id, String key, String kind, Long locationId, Long destinationId) {
            this(id, key, kind, locationId, destinationId, null);
        }
    }

    /** A stored attribute. */
    public record AttributeRow(long objectId, String name, String encoded) {}

    /** A stored account. */
    public record AccountRow(long id, String name, String passwordHash, String role, long characterId,
                             Instant createdAt) {}
}
