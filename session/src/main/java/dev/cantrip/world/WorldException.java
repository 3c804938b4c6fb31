package dev.cantrip.world;

/**
 * A change to the world was refused (bad name, impossible move, unknown object, not the caller's
 * to change). The message is meant for the player: it says what was wrong and, where it can, what
 * to do instead.
 */
public sealed class WorldException extends RuntimeException permits ChangeRefusedException {
    public WorldException(String message) {
        super(message);
    }
}
