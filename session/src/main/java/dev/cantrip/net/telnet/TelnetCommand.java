package dev.cantrip.net.telnet;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Telnet commands passed between this package's handlers: decoded by {@link TelnetFrameDecoder}
 * for {@link TelnetNegotiator}, and written by the negotiator for {@link TelnetEncoder}. They never
 * leave the telnet handlers.
 */
sealed interface TelnetCommand {

    /** IAC verb option, where verb is WILL, WONT, DO or DONT. */
    record Negotiation(int verb, int option) implements TelnetCommand {
        public Negotiation {
            if (verb < Telnet.WILL || verb > Telnet.DONT) {
                throw new IllegalArgumentException("not a negotiation verb: " + verb);
            }
            if (option < 0 || option > 0xFF) {
                throw new IllegalArgumentException("option out of range: " + option);
            }
        }
    }

    /** IAC SB option payload IAC SE, with IAC IAC in the payload already undoubled. */
    record Subnegotiation(int option, byte[] payload) implements TelnetCommand {
        public Subnegotiation {
            requireNonNull(payload, "payload");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Subnegotiation s
                    && option == s.option
                    && Arrays.equals(payload, s.payload);
        }

        @Override
        public int hashCode() {
            return 31 * option + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Subnegotiation[option=" + option + ", payload="
                    + HexFormat.of().formatHex(payload) + "]";
        }
    }
}
