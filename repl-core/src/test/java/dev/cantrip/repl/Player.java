package dev.cantrip.repl;

import java.util.ArrayList;
import java.util.List;

/** A stand-in host object that tests bind into snippets, as a game binds its characters. */
public final class Player {

    private final String name;
    private final List<String> heard = new ArrayList<>();
    private volatile String room;

    public Player(String name, String room) {
        this.name = name;
        this.room = room;
    }

    public String name() {
        return name;
    }

    public String room() {
        return room;
    }

    public void moveTo(String room) {
        if (room.isBlank()) {
            throw new IllegalArgumentException("there is no such room");
        }
        this.room = room;
    }

    public synchronized void msg(String text) {
        heard.add(text);
    }

    public synchronized List<String> heard() {
        return List.copyOf(heard);
    }

    @Override
    public String toString() {
        return name + " in " + room;
    }
}
