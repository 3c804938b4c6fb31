package dev.cantrip.repl;

/** Why a {@link ReplSession} ended, for telling its user what became of their state. */
public enum EndReason {
    /** The host closed it (a logout; the game also closes every session when it reloads). */
    CLOSED("it was closed"),
    /** Nobody used it for the engine's idle timeout. */
    IDLE("it was not used for a while"),
    /** The engine was stopped. */
    ENGINE_STOPPED("the Java engine stopped");

    private final String description;

    EndReason(String description) {
        this.description = description;
    }

    /** A phrase for the user ("it was not used for a while"). */
    public String description() {
        return description;
    }
}
