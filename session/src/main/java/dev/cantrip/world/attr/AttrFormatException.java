package dev.cantrip.world.attr;

import java.util.Optional;

/**
 * Text that should describe an attribute value is malformed. The message says what was wrong, the
 * 1-based column (counted in Unicode code points of the text that was given) where it was noticed,
 * and, for text a person typed, what to do instead.
 */
public final class AttrFormatException extends IllegalArgumentException {
    private final String problem;
    private final int column;
    private final String hint;

    /**
     * @param problem what was wrong, as a sentence fragment without a trailing period
     * @param column 1-based column where it was noticed
     * @param hint what the user can do about it, or {@code null} when there is nothing useful to say
     */
    public AttrFormatException(String problem, int column, String hint) {
        super(message(problem, column, hint));
        this.problem = problem;
        this.column = column;
        this.hint = hint;
    }

    private static String message(String problem, int column, String hint) {
        String base = problem + " at column " + column + ".";
        return hint == null ? base : base + " " + hint;
    }

    /** What was wrong, without the column or the hint. */
    public String problem() {
        return problem;
    }

    /** The 1-based column, in code points, where the problem was noticed. */
    public int column() {
        return column;
    }

    /** What the user can do about it, when there is something useful to say. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
