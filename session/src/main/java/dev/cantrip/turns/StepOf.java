package dev.cantrip.turns;

import dev.cantrip.session.Session;
import java.util.Objects;

/**
 * Whose step each turn of a run is on the world thread, and so who acts in it: the world checks
 * every change against whoever acts, and a step's output waits until its changes are durable.
 */
public sealed interface StepOf {

    /**
     * A step of {@code session}'s player, its account acting: the session is busy meanwhile, so
     * lines its player types wait their turn (a {@code java} evaluation, {@code /vars}).
     */
    record Player(Session session) implements StepOf {
        public Player {
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * A step of the game's own (nobody typed it, no session is busy) in which account
     * {@code accountId} acts, with its role as it was at the runner's first turn: code an owner
     * left running (a task's callback, a snippet's flow, a rebuild) changes what its owner may.
     */
    record Owner(long accountId) implements StepOf {
    }

    /** A step of the game's own, the game itself acting: a host command's flow ({@code meditate}). */
    record Host() implements StepOf {
    }
}
