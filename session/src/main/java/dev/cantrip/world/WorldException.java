package dev.cantrip.world;

/**
 * A change to the world was refused (bad name, impossible move, unknown object). The message is
 * meant for the player: it says what was wrong and, where it can, what to do instead.
 */
public final class WorldException extends RuntimeException {
    public WorldException(String message) {
        super(message);
    }
}
