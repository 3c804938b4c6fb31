package dev.cantrip.session;

import dev.cantrip.world.GameObject;
import dev.cantrip.world.Messenger;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The connected sessions, and which sessions puppet which object. Thread-safe: {@link #deliver}
 * (the world's {@link Messenger}) is called from any thread.
 */
public final class SessionRegistry implements Messenger {

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Long, Set<Session>> puppets = new ConcurrentHashMap<>();

    /** Adds a newly connected session. */
    public void add(Session s) {
        sessions.add(Objects.requireNonNull(s, "s"));
    }

    /** Removes a session and its puppet link. */
    public void remove(Session s) {
        sessions.remove(s);
        unpuppet(s);
    }

    /** Links {@code s} to the character it plays, so messages to the character reach it. */
    public void puppet(Session s, GameObject character) {
        Objects.requireNonNull(character, "character");
        unpuppet(Objects.requireNonNull(s, "s"));
        puppets.computeIfAbsent(character.id(), id -> new CopyOnWriteArraySet<>()).add(s);
    }

    /** Removes the link from {@code s} to its character, if any. */
    public void unpuppet(Session s) {
        puppets.values().forEach(set -> set.remove(s));
        puppets.values().removeIf(Set::isEmpty);
    }

    /** Whether any session plays the object with this id. */
    public boolean isPuppeted(long objectId) {
        Set<Session> set = puppets.get(objectId);
        return set != null && !set.isEmpty();
    }

    /** Every connected session, in no particular order. */
    public List<Session> all() {
        return List.copyOf(sessions);
    }

    /** How many sessions are connected. */
    public int size() {
        return sessions.size();
    }

    @Override
    public void deliver(GameObject target, String text) {
        Set<Session> set = puppets.get(target.id());
        if (set != null) {
            for (Session s : set) {
                s.deliver(text); // charged by the sender, once per listener
            }
        }
    }

    @Override
    public int listeners(GameObject target) {
        Set<Session> set = puppets.get(target.id());
        return set == null ? 0 : set.size();
    }
}
