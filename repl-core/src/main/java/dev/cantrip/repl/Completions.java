package dev.cantrip.repl;

import java.util.List;
import java.util.Objects;

/**
 * Completion candidates for a cursor position in partial code.
 *
 * @param anchor where in the code the candidates start: a candidate replaces the text from
 *     {@code anchor} to the cursor
 * @param candidates what could go there, best matches first
 */
public record Completions(int anchor, List<Candidate> candidates) {

    public Completions {
        candidates = List.copyOf(candidates);
    }

    /**
     * One candidate.
     *
     * @param text the text that would replace the code from the anchor to the cursor
     * @param matchesType whether it fits the type expected at the cursor
     */
    public record Candidate(String text, boolean matchesType) {
        public Candidate {
            Objects.requireNonNull(text, "text");
        }
    }
}
