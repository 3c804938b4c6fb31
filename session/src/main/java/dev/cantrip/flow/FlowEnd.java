package dev.cantrip.flow;

import java.util.List;
import java.util.Objects;

/** How a flow's body ended, as its {@link FlowLauncher} reports it. */
public sealed interface FlowEnd {

    /** It returned {@code value}. */
    record Returned(Object value) implements FlowEnd {}

    /** It threw or was stopped; {@code lines} say what, for its player. */
    record Failed(List<String> lines) implements FlowEnd {
        public Failed {
            lines = List.copyOf(lines);
        }
    }

    /** It was cancelled, and why ("you disconnected"). */
    record Cancelled(String reason) implements FlowEnd {
        public Cancelled {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
