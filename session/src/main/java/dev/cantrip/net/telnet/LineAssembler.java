package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.BS;
import static dev.cantrip.net.telnet.Telnet.CR;
import static dev.cantrip.net.telnet.Telnet.DEL;
import static dev.cantrip.net.telnet.Telnet.LF;
import static dev.cantrip.net.telnet.Telnet.NUL;
import static dev.cantrip.net.telnet.Telnet.TAB;

import java.util.List;

/**
 * Turns the data bytes of a telnet stream (commands already removed) into {@link
 * TelnetEvent.Line}s and {@link TelnetEvent.LineTooLong}s.
 *
 * <p>A line ends at CR LF, CR NUL, LF, or a CR followed by any other byte, which then starts the
 * next line. The line is emitted as soon as its CR arrives, and the CR is remembered so that an LF
 * or NUL arriving later, even in another read, does not end a second, empty line. Bytes are
 * decoded as UTF-8 only once the line is complete, so characters split across reads survive.
 *
 * <p>The limit counts the bytes kept for the line, after controls are dropped and erasures are
 * applied. Past it, the line's bytes are not kept at all, so memory stays within the limit.
 */
final class LineAssembler {
    private final int maxLineBytes;
    private final ByteAccumulator line;
    /** The line passed the limit: drop everything up to its end. */
    private boolean discarding;
    /** The previous data byte was a CR, which has ended its line already. */
    private boolean afterCr;

    LineAssembler(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.line = new ByteAccumulator(maxLineBytes);
    }

    /** Takes one data byte (0..255), adding any event it completes to {@code out}. */
    void data(int b, List<Object> out) {
        if (afterCr) {
            afterCr = false;
            if (b == LF || b == NUL) {
                return; // the second half of CR LF or CR NUL: the line has ended already
            }
        }
        switch (b) {
            case CR -> {
                endLine(out);
                afterCr = true;
            }
            case LF -> endLine(out);
            case BS, DEL -> eraseChar();
            default -> {
                // C0 controls other than TAB have no place in a line of text (and would let a
                // player send terminal escapes to others).
                if (b >= 0x20 || b == TAB) {
                    append(b, out);
                }
            }
        }
    }

    /** Erases the last character of the line in progress (backspace, DEL, telnet EC). */
    void eraseChar() {
        if (!discarding) {
            line.truncate(line.length() - lastCharLength());
        }
    }

    /** Erases the line in progress (telnet EL). An over-long line stays discarded to its end. */
    void eraseLine() {
        if (!discarding) {
            line.clear();
        }
    }

    private void append(int b, List<Object> out) {
        if (discarding) {
            return;
        }
        if (!line.add(b)) {
            discarding = true;
            line.clear();
            out.add(new TelnetEvent.LineTooLong(maxLineBytes));
        }
    }

    private void endLine(List<Object> out) {
        if (discarding) {
            discarding = false; // its LineTooLong went out when the limit was passed
        } else {
            out.add(new TelnetEvent.Line(line.decodeUtf8()));
        }
        line.clear();
    }

    /**
     * How many bytes at the end of the line make up its last character: the whole last UTF-8
     * sequence if it is complete and well formed, otherwise one byte (malformed input decodes to
     * at least one U+FFFD per bad byte run, so erasing a byte at a time always makes progress).
     */
    private int lastCharLength() {
        int length = line.length();
        if (length == 0) {
            return 0;
        }
        int start = length - 1;
        while (start > 0 && length - start < 4 && isContinuation(line.get(start))) {
            start--;
        }
        int n = length - start;
        return n > 1 && isWellFormed(start, n) ? n : 1;
    }

    private static boolean isContinuation(int b) {
        return (b & 0xC0) == 0x80;
    }

    /** Whether the n bytes from start, a lead byte then continuations, are one valid UTF-8 char. */
    private boolean isWellFormed(int start, int n) {
        int lead = line.get(start);
        int second = line.get(start + 1);
        return switch (n) {
            case 2 -> lead >= 0xC2 && lead <= 0xDF;
            case 3 -> switch (lead) {
                case 0xE0 -> second >= 0xA0; // no overlong forms
                case 0xED -> second <= 0x9F; // no surrogates
                default -> lead >= 0xE1 && lead <= 0xEF;
            };
            case 4 -> switch (lead) {
                case 0xF0 -> second >= 0x90; // no overlong forms
                case 0xF4 -> second <= 0x8F; // nothing above U+10FFFF
                default -> lead >= 0xF1 && lead <= 0xF3;
            };
            default -> false;
        };
    }
}
