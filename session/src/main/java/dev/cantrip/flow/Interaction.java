package dev.cantrip.flow;

import java.time.Duration;
import java.util.Objects;

/**
 * What a flow's code calls to wait and to ask, host commands and snippets alike (snippets reach
 * these as {@code pause}, {@code ask} and {@code confirm}). Each gives the flow's turn back to the
 * game loop while it waits, so nobody is held up; each throws
 * {@link dev.cantrip.tasks.FlowCancelledException} if the flow is cancelled meanwhile.
 */
public final class Interaction {

    private Interaction() {}

    /**
     * Waits {@code d} without blocking anyone.
     *
     * @throws IllegalStateException outside a flow
     */
    public static void pause(Duration d) {
        Objects.requireNonNull(d, "d");
        if (d.isNegative()) {
            throw new IllegalArgumentException("a pause cannot be negative (" + d + ")");
        }
        flow("pause").pause(d);
    }

    /**
     * Asks the flow's player {@code question}; returns the next line they type (which is not run as a
     * command; a line starting with the escape, {@code !} by default, runs as one instead).
     *
     * @throws IllegalStateException outside a flow
     */
    public static String ask(String question) {
        return flow("ask").ask(Objects.requireNonNull(question, "question"), null, null);
    }

    /** {@link #ask(String)}, taking {@code fallback} as the answer if none comes within {@code timeout}. */
    public static String ask(String question, Duration timeout, String fallback) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(fallback, "fallback");
        return flow("ask").ask(question, timeout, fallback);
    }

    /** Asks a yes/no question until the answer is yes, y, no or n; returns whether it was yes. */
    public static boolean confirm(String question) {
        return flow("confirm").confirm(Objects.requireNonNull(question, "question"));
    }

    private static FlowRun<?> flow(String what) {
        FlowRun<?> f = Flows.current();
        if (f == null) {
            throw new IllegalStateException(what + "(...) works only inside an interactive flow: start one with"
                    + " interactive(() -> { ...; return value; })");
        }
        return f;
    }
}
