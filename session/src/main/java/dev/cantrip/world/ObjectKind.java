package dev.cantrip.world;

import java.util.Locale;
import java.util.Optional;

/** What a game object is. The kind decides where it may be and how commands treat it. */
public enum ObjectKind {
    /** A place; has no location. */
    ROOM,
    /** The body an account plays; lives in a room. */
    CHARACTER,
    /** A way from the room it is in (its location) to another room (its destination). */
    EXIT,
    /** Anything else: lives in a room or in a character's inventory. */
    THING;

    /** Lower-case name, as stored and shown. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored or typed kind, case-insensitively. */
    public static Optional<ObjectKind> parse(String text) {
        for (ObjectKind k : values()) {
            if (k.name().equalsIgnoreCase(text)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
