package dev.cantrip.game;

import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;
import java.util.Set;

/** Messages to everyone in a room. Loop thread only. */
public final class Rooms {

    private Rooms() {}

    /** Sends {@code text} to every character in {@code room} except those in {@code exclude}. */
    public static void announce(GameObject room, String text, GameObject... exclude) {
        Set<GameObject> skip = Set.of(exclude);
        for (GameObject o : room.contents()) {
            if (o.kind() == ObjectKind.CHARACTER && !skip.contains(o)) {
                o.msg(text);
            }
        }
    }
}
