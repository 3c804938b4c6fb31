package dev.cantrip.repl;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What evaluating one input did: an outcome per snippet, in order, and where the time went.
 *
 * @param compileTime time spent analysing, compiling and loading
 * @param runTime time spent running snippet code (including rendering values)
 */
public record Evaluation(String input, List<SnippetOutcome> outcomes, Duration compileTime, Duration runTime) {

    public Evaluation {
        Objects.requireNonNull(input, "input");
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(compileTime, "compileTime");
        Objects.requireNonNull(runTime, "runTime");
    }
}
