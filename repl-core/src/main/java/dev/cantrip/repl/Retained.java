package dev.cantrip.repl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a session keeps between evaluations, measured ({@link ReplSession#keepWithin}), and what was
 * let go to bring it within its limit.
 *
 * @param bytes what it holds now (after anything dropped), estimated by {@link RetainedSize}
 * @param before what it held when measured, before anything was dropped
 * @param limit the limit it was held to ({@link Long#MAX_VALUE}: measured only)
 * @param exact false if the walk reached its cap (the sizes are then generous estimates)
 * @param visits objects the walk visited
 * @param took how long the walk took
 * @param dropped the variables dropped and static fields set to null ({@code K.list}), with their
 *     sizes, newest first
 * @param cleared whether the whole state was cleared (dropping variables was not enough)
 */
public record Retained(long bytes, long before, long limit, boolean exact, int visits, Duration took,
                       List<String> dropped, boolean cleared) {

    public Retained {
        Objects.requireNonNull(took, "took");
        dropped = List.copyOf(dropped);
    }

    /** A session with nothing in it yet. */
    public static Retained nothing(long limit) {
        return new Retained(0, 0, limit, true, 0, Duration.ZERO, List.of(), false);
    }

    /** The line to tell the user, if anything was let go. */
    public Optional<String> note() {
        String held = (exact ? "" : "about ") + RetainedSize.describe(before);
        String over = "over the " + RetainedSize.describe(limit) + " your tier may keep between evaluations";
        if (cleared) {
            return Optional.of("Your Java state was cleared: it held " + held + ", " + over
                    + " (keep less: drop what you no longer need).");
        }
        if (!dropped.isEmpty()) {
            // A static field is named with its class (K.list); a variable's name has no dot.
            String what = dropped.stream().anyMatch(d -> d.substring(0, d.indexOf(" (")).contains("."))
                    ? "your variables and static fields" : "your variables";
            return Optional.of("Dropped " + String.join(", ", dropped) + ": " + what + " held " + held + ", " + over
                    + "; the rest is kept.");
        }
        return Optional.empty();
    }
}
