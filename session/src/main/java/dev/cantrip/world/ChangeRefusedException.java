package dev.cantrip.world;

/**
 * The one acting may not change this object ({@link ChangeRule}): it is another player's
 * character, or it is not theirs and they are below Admin. The message names the object and who
 * may change it.
 */
public final class ChangeRefusedException extends WorldException {
    public ChangeRefusedException(String message) {
        super(message);
    }
}
