package dev.cantrip.turns;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether, and when, the world thread stops waiting for a turn that has not ended because the
 * code is inside a JDK call no check reaches. Revoking it ends the lending and lets the world
 * thread go on, so a bystander waits at most that long; the run goes on detached and waits for a
 * new turn at its next check. Only a call snippet code made is revoked: host code in progress
 * keeps its turn, as it may touch the world's state without a check.
 */
public sealed interface Revocation {

    /** Revoked once the world thread has waited {@code turnWait} for it (snippet code: a stranger's). */
    record After(Duration turnWait) implements Revocation {
        public After {
            Objects.requireNonNull(turnWait, "turnWait");
            if (!turnWait.isPositive()) {
                throw new IllegalArgumentException("a turn is revoked after a positive wait, got " + turnWait);
            }
        }
    }

    /** Never revoked: the world thread waits for it up to the longest turn (the host's own code). */
    record Never() implements Revocation {
    }

    /** {@link After}. */
    static Revocation after(Duration turnWait) {
        return new After(turnWait);
    }

    /** {@link Never}. */
    static Revocation never() {
        return new Never();
    }
}
