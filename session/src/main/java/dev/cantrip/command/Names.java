package dev.cantrip.command;

import dev.cantrip.world.GameObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How commands name objects, and how they find an exit by what a player typed. Loop thread only. */
public final class Names {

    private Names() {}

    /** {@code key (#id)}, or {@code nowhere} for null. */
    public static String withRef(GameObject o) {
        return o == null ? "nowhere" : o.key() + " (" + o.ref() + ")";
    }

    /**
     * The exit of {@code room} that {@code typed} names: the one whose name it is (ignoring case),
     * else the only one whose name starts with it.
     */
    public static Optional<GameObject> exit(GameObject room, String typed) {
        if (room == null || typed.isBlank()) {
            return Optional.empty();
        }
        List<GameObject> exits = room.exits();
        String t = typed.strip().toLowerCase(Locale.ROOT);
        Optional<GameObject> exact = exits.stream().filter(e -> e.key().toLowerCase(Locale.ROOT).equals(t)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<GameObject> starting = exits.stream()
                .filter(e -> e.key().toLowerCase(Locale.ROOT).startsWith(t))
                .toList();
        return starting.size() == 1 ? Optional.of(starting.getFirst()) : Optional.empty();
    }
}
