package dev.cantrip.world.attr;

import static java.util.Objects.requireNonNull;

/**
 * Converts values to and from the text stored in the database. {@code decode(encode(v))} equals
 * {@code v} for every value, including any string or map key (control characters and unpaired
 * surrogates are escaped, everything else is kept as is), {@link Long#MIN_VALUE} to
 * {@link Long#MAX_VALUE}, and map order.
 *
 * <p>Format version 1 is the display grammar without optional spaces: {@code 12}, {@code -3.5},
 * {@code 1.0E10} (a decimal always has '.' or 'E'), {@code "a\"b"}, {@code true}, {@code #7},
 * {@code [1,"x"]}, {@code {"k":[true]}}. It carries no version marker; a later format will start
 * with {@value #VERSION_MARKER}, which no version 1 text can start with, so old rows never need
 * rewriting.
 *
 * <p>Decoding is strict: it accepts only what {@link #encode} could have written (no whitespace, no
 * leading zeros, no raw control characters) and throws {@link AttrFormatException} with the column
 * for anything else, so corruption is reported rather than guessed at. Encoding does not apply
 * {@link AttrLimits}; validate with {@link AttrValidator} before storing.
 */
public final class AttrCodec {
    /** The format {@link #encode} writes. */
    public static final int FORMAT_VERSION = 1;

    /** First character of any future format's text. */
    public static final char VERSION_MARKER = '~';

    private AttrCodec() {}

    /** The storage text for {@code value}. */
    public static String encode(AttrValue value) {
        return AttrText.storage(requireNonNull(value, "value"));
    }

    /**
     * The value stored as {@code text}.
     *
     * @throws AttrFormatException if the text is not exactly something {@link #encode} writes
     */
    public static AttrValue decode(String text) {
        requireNonNull(text, "text");
        var reader = new LiteralReader(text, LiteralReader.Syntax.STORAGE, null);
        if (text.isEmpty()) {
            throw reader.fail("Stored attribute text is empty", 0);
        }
        if (text.charAt(0) == VERSION_MARKER) {
            throw reader.fail("Stored attribute uses a newer storage format than version " + FORMAT_VERSION
                    + "; upgrade the server to read it", 0);
        }
        return reader.readWhole(0);
    }
}
