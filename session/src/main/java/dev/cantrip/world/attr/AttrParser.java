package dev.cantrip.world.attr;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * Reads what a builder types after {@code =} in a command such as {@code @set sword/damage = 12}.
 *
 * <ul>
 *   <li>{@code 42}, {@code -7}, {@code +3} are ints; {@code 3.5}, {@code 1e3} are decimals.
 *   <li>{@code true} and {@code false} (lower case) are bools; {@code #12} is a ref.
 *   <li>{@code "quoted text"} is a string, with the escapes {@code \" \\ \/ \n \t \r \b \f} and
 *       <code>&#92;uXXXX</code>.
 *   <li>{@code [1, 2, "x"]} is a list; {@code {"hp": 10, tags: ["a"]}} a map whose keys are
 *       quoted strings or bare names. Inside these, text must be quoted.
 *   <li>Anything else is stored as the trimmed text itself: {@code the Brave} becomes the string
 *       {@code "the Brave"}; so do {@code 007}, {@code 3.5.1}, {@code #ff8800} and the empty text.
 * </ul>
 *
 * <p>Text that clearly means to be a value but is malformed is refused with an
 * {@link AttrFormatException} saying what and at which column (of the text given), with a hint to
 * quote it: anything starting with {@code [}, {@code {} or {@code "} that does not parse whole,
 * whole numbers beyond the range of a long, {@code #0} or a too-large object number,
 * {@code NaN}/{@code Infinity}, and {@code null}.
 *
 * <p>Note that {@code #123456} is a ref even when meant as a colour; quoting it stores the text.
 *
 * <p>The result is not checked against {@link AttrLimits}; pass it to {@link AttrValidator}
 * before storing it.
 */
public final class AttrParser {
    static final String HINT = "To store it as plain text, put it in double quotes (write \\\" for a quote inside).";

    // The exact number grammar, so that text like "12 apples" or "007" falls through to plain text.
    private static final Pattern NUMBER = Pattern.compile("[+-]?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern REF = Pattern.compile("#[0-9]+");
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private AttrParser() {}

    /**
     * The value {@code userText} describes.
     *
     * @throws AttrFormatException if the text looks like a value but is malformed or unrepresentable
     */
    public static AttrValue parse(String userText) {
        requireNonNull(userText, "userText");
        String trimmed = userText.strip();
        if (trimmed.isEmpty()) {
            return new AttrValue.Str("");
        }
        int start = 0;
        while (Character.isWhitespace(userText.charAt(start))) {
            start++; // strip() trims exactly these, so columns stay those of the text as typed
        }
        var reader = new LiteralReader(userText, LiteralReader.Syntax.USER, HINT);
        char first = trimmed.charAt(0);
        if (first == '[' || first == '{' || first == '"'
                || NUMBER.matcher(trimmed).matches() || REF.matcher(trimmed).matches()) {
            return reader.readWhole(start);
        }
        switch (trimmed) {
            case "true" -> {
                return new AttrValue.Bool(true);
            }
            case "false" -> {
                return new AttrValue.Bool(false);
            }
            case "null" -> throw reader.fail(
                    "null is not a value; to get rid of an attribute, remove it instead", start);
            default -> {
                if (NON_FINITE.matcher(trimmed).matches()) {
                    throw reader.fail("NaN and Infinity cannot be stored", start);
                }
                return new AttrValue.Str(trimmed);
            }
        }
    }
}
