package dev.cantrip.tasks;

/** What a {@link Task} is. */
public enum TaskKind {
    /** Code to run on the game loop once a time has passed ({@code delay}). */
    DELAY("delay"),
    /** Work on a worker thread whose result comes back to the loop ({@code runAsync}). */
    ASYNC("async"),
    /** A flow in lockstep with the loop that pauses and asks ({@code interactive}). */
    INTERACTIVE("interactive");

    private final String word;

    TaskKind(String word) {
        this.word = word;
    }

    /** The word players see ("delay"). */
    public String word() {
        return word;
    }
}
