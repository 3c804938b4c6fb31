package dev.cantrip.repl;

import java.util.Objects;

/** Thrown by a {@link ClassGate} to refuse a class; the message says why, for the user. */
public final class ClassRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClassRejectedException(String reason) {
        super(Objects.requireNonNull(reason, "reason"));
    }
}
