package dev.cantrip.net.telnet;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the server's handler may write to a telnet connection. A plain {@code String} written to
 * the pipeline is treated exactly like {@link Text}. Writes only queue bytes; the writer decides
 * when to flush, as with any netty channel.
 */
public sealed interface TelnetOutput {

    /**
     * Text sent as UTF-8. Line ends become CR LF: a lone "\n" becomes "\r\n", an existing "\r\n"
     * is sent unchanged, and a lone "\r" becomes "\r\0" as RFC 854 demands. Each message is
     * converted on its own, so a "\r" at the end of one message and a "\n" at the start of the
     * next are two line ends. Any 0xFF byte is sent as IAC IAC. Control characters other than
     * tab, CR and LF (ESC, BEL, C1 controls) are sent as '?', so text cannot drive a terminal.
     */
    record Text(String text) implements TelnetOutput {
        public Text {
            requireNonNull(text, "text");
        }
    }

    /**
     * Bytes sent as they are, except that each 0xFF is doubled to IAC IAC so that the peer reads
     * it as data. No line end conversion is done. The array is copied on the way in and out.
     */
    record Raw(byte[] data) implements TelnetOutput {
        public Raw {
            data = requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The held array itself, for the encoder, which only reads it. */
        byte[] dataWithoutCopy() {
            return data;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Raw raw && Arrays.equals(data, raw.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Raw[data=" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /**
     * Asks the peer to stop (hide=true) or resume (hide=false) echoing what the user types, for
     * example around a password prompt. hide=true sends IAC WILL ECHO, hide=false IAC WONT ECHO,
     * but only when this changes what was last announced or agreed; a repeated request sends
     * nothing. Clients that do not support the option may keep echoing.
     */
    record HideInput(boolean hide) implements TelnetOutput {}
}
