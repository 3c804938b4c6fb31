package dev.cantrip.repl;

import java.util.Objects;

/** Fails any use of a {@link ReplSession} after it ended; says why. */
public final class SessionEndedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final EndReason reason;

    public SessionEndedException(EndReason reason) {
        super("the Java session has ended: " + Objects.requireNonNull(reason, "reason").description());
        this.reason = reason;
    }

    public EndReason reason() {
        return reason;
    }
}
