package dev.cantrip.net.telnet;

import static java.util.Objects.requireNonNull;

/**
 * What the telnet layer delivers to the server's handler. After {@link TelnetPipeline#install},
 * every inbound message that reaches the next handler is one of these; telnet commands and
 * negotiation never do.
 */
public sealed interface TelnetEvent {

    /**
     * One line of input, UTF-8 decoded, without its line terminator. The text holds no telnet
     * commands and no C0 control characters other than TAB; backspace and delete have already
     * been applied; malformed UTF-8 has become U+FFFD. It may be empty (the user pressed enter).
     */
    record Line(String text) implements TelnetEvent {
        public Line {
            requireNonNull(text, "text");
        }
    }

    /**
     * A line grew past {@code limitBytes} bytes. This is emitted once per such line, at the moment
     * the limit is passed (so a peer that never ends the line is still noticed). The line's bytes
     * are dropped up to and including its line end; no part of it becomes a {@link Line}. The
     * connection stays open and the next line is read normally.
     */
    record LineTooLong(int limitBytes) implements TelnetEvent {
        public LineTooLong {
            if (limitBytes < 1) {
                throw new IllegalArgumentException("limitBytes must be positive: " + limitBytes);
            }
        }
    }

    /**
     * The size of the peer's window in character cells, as reported through NAWS. Each value is
     * 0..65535; 0 means the peer does not know that dimension.
     */
    record WindowSize(int columns, int rows) implements TelnetEvent {
        public WindowSize {
            if (columns < 0 || columns > 0xFFFF || rows < 0 || rows > 0xFFFF) {
                throw new IllegalArgumentException(
                        "window size out of range: " + columns + "x" + rows);
            }
        }
    }
}
