package dev.cantrip.world.attr;

/**
 * A well-formed attribute name or value that may not be stored: it breaks a limit, holds characters
 * that cannot be stored, or is of a type attributes cannot hold. The message names what was wrong
 * and what to do about it, and is fit to show to the person who tried to store it.
 */
public final class AttrRejectedException extends IllegalArgumentException {
    /** @param message what was wrong and what to do about it */
    public AttrRejectedException(String message) {
        super(message);
    }
}
