package dev.cantrip.tasks;

/**
 * Thrown out of {@code pause} and {@code ask} when the flow waiting in them is cancelled (its
 * player left, aborted it, a reload): the flow's {@code finally} blocks run on the way out.
 */
public final class FlowCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FlowCancelledException(String reason) {
        super(reason);
    }
}
