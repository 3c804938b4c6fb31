package dev.cantrip.repl;

import java.util.Objects;

/**
 * How a call of kept snippet code ended ({@link ReplEngine#call}): it returned, threw, or was
 * stopped (past its budget, on request, or because it could not be run at all).
 *
 * @param <T> what the call returns
 */
public sealed interface CallOutcome<T> {

    /** The code returned {@code value} (null for a callback that returns nothing). */
    record Returned<T>(T value) implements CallOutcome<T> {
    }

    /** The code threw; the stack is trimmed to the snippet's frames and the host frames that matter. */
    record Threw<T>(SnippetOutcome.Failure failure) implements CallOutcome<T> {
        public Threw {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The run was stopped, and why ("it used 2.0 s of CPU time (its budget is 2 s)"). */
    record Stopped<T>(String reason) implements CallOutcome<T> {
        public Stopped {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
