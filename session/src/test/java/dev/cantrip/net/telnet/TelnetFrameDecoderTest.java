package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.*;
import static dev.cantrip.net.telnet.TelnetTestSupport.assertDecodes;
import static dev.cantrip.net.telnet.TelnetTestSupport.bytes;
import static dev.cantrip.net.telnet.TelnetTestSupport.feed;
import static dev.cantrip.net.telnet.TelnetTestSupport.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.net.telnet.TelnetCommand.Negotiation;
import dev.cantrip.net.telnet.TelnetCommand.Subnegotiation;
import dev.cantrip.net.telnet.TelnetEvent.Line;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The command parser: every sequence, split at every byte, and garbage. */
class TelnetFrameDecoderTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new TelnetFrameDecoder(80));
    }

    private static void assertDecodes(byte[] input, Object... expected) {
        TelnetTestSupport.assertDecodes(TelnetFrameDecoderTest::channel, input, expected);
    }

    @Test
    void negotiationsAreCommandsInStreamOrder() {
        assertDecodes(
                bytes("a\n", IAC, WILL, NAWS, IAC, WONT, 24, "b\n", IAC, DO, ECHO, IAC, DONT, SGA, "c\n"),
                new Line("a"),
                new Negotiation(WILL, NAWS),
                new Negotiation(WONT, 24),
                new Line("b"),
                new Negotiation(DO, ECHO),
                new Negotiation(DONT, SGA),
                new Line("c"));
    }

    @Test
    void negotiationOptionMayBeAnyByteIncluding255() {
        assertDecodes(bytes(IAC, DO, 255, IAC, WILL, 0), new Negotiation(DO, 255), new Negotiation(WILL, 0));
    }

    @Test
    void iacIacIsOneDataByteNotACommand() {
        // IAC IAC WILL ECHO is the data bytes FF FB 01: two invalid UTF-8 bytes and a dropped control.
        assertDecodes(bytes("x", IAC, IAC, WILL, ECHO, "y\n"), new Line("x\uFFFD\uFFFDy"));
    }

    @Test
    void twoByteCommandsVanishFromTheLine() {
        assertDecodes(
                bytes("a", IAC, NOP, "b", IAC, GA, IAC, AYT, IAC, BRK, IAC, IP, IAC, AO, IAC, DM, IAC, SE, "c\r\n"),
                new Line("abc"));
    }

    @Test
    void unknownCommandsAreIgnoredWithTheirByte() {
        assertDecodes(bytes("a", IAC, 0x01, "b", IAC, 239, IAC, 'Z', "c\n"), new Line("abc"));
    }

    @Test
    void eraseCharacterAndEraseLine() {
        assertDecodes(bytes("abc", IAC, EC, "\n"), new Line("ab"));
        assertDecodes(bytes("abc", IAC, EL, "de\n"), new Line("de"));
        assertDecodes(bytes("a€", IAC, EC, "\n"), new Line("a"));
    }

    @Test
    void commandsBetweenCrAndLfDoNotSplitTheLineEnd() {
        assertDecodes(bytes("a\r", IAC, NOP, IAC, DO, ECHO, "\nb\n"),
                new Line("a"), new Negotiation(DO, ECHO), new Line("b"));
    }

    @Test
    void subnegotiationPayloadIsUndoubled() {
        assertDecodes(bytes(IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE), new Subnegotiation(NAWS, bytes(0, 80, 0, 24)));
        assertDecodes(
                bytes(IAC, SB, NAWS, 0, IAC, IAC, IAC, IAC, IAC, IAC, IAC, SE, "ok\n"),
                new Subnegotiation(NAWS, bytes(0, 0xFF, 0xFF, 0xFF)),
                new Line("ok"));
    }

    @Test
    void emptySubnegotiation() {
        assertDecodes(bytes(IAC, SB, 24, IAC, SE), new Subnegotiation(24, new byte[0]));
    }

    @Test
    void subnegotiationAtTheLimitIsKeptAndBeyondItIsDropped() {
        int max = TelnetFrameDecoder.MAX_SUBNEGOTIATION_BYTES;
        byte[] atLimit = repeat('x', max);
        assertThat(feed(channel(), bytes(IAC, SB, 24, atLimit, IAC, SE)))
                .containsExactly(new Subnegotiation(24, atLimit));
        assertThat(feed(channel(), bytes(IAC, SB, 24, repeat('x', max + 1), IAC, SE, "ok\n")))
                .containsExactly(new Line("ok"));
        assertThat(feed(channel(), bytes(IAC, SB, 24, repeat('x', 100_000), IAC, SE, "ok\n")))
                .containsExactly(new Line("ok"));
    }

    @Test
    void overLongSubnegotiationSplitAtEveryBoundary() {
        int max = TelnetFrameDecoder.MAX_SUBNEGOTIATION_BYTES;
        assertDecodes(bytes(IAC, SB, 24, repeat('x', max + 3), IAC, IAC, IAC, SE, "ok\n", IAC, SB, 24, 7, IAC, SE),
                new Line("ok"), new Subnegotiation(24, bytes(7)));
    }

    @Test
    void subnegotiationWithoutSeIsAbandonedAtTheNextCommand() {
        assertDecodes(bytes(IAC, SB, NAWS, 0, 80, IAC, WILL, ECHO, "hi\n"),
                new Negotiation(WILL, ECHO), new Line("hi"));
        assertDecodes(bytes(IAC, SB, NAWS, 1, IAC, SB, NAWS, 0, 1, 0, 2, IAC, SE),
                new Subnegotiation(NAWS, bytes(0, 1, 0, 2)));
    }

    @Test
    void subnegotiationWithoutSeSwallowsPlainDataUntilSe() {
        // Without an IAC, the parser cannot tell the peer forgot SE; the payload stays bounded.
        assertDecodes(bytes(IAC, SB, 24, "hello\n", IAC, SE, "x\n"),
                new Subnegotiation(24, bytes("hello\n")), new Line("x"));
    }

    @Test
    void truncatedSequencesAtCloseDoNotCrashOrEmit() {
        for (byte[] input : new byte[][] {
            bytes("abc", IAC), bytes(IAC, WILL), bytes(IAC, SB), bytes(IAC, SB, 31, 1, IAC), bytes("partial line")
        }) {
            EmbeddedChannel channel = channel();
            assertThat(feed(channel, input)).isEmpty();
            assertThat(channel.finish()).isFalse();
        }
    }

    @Test
    void randomGarbageNeverThrowsAndLinesHoldNoControls() {
        java.util.Random random = new java.util.Random(42);
        EmbeddedChannel channel = new EmbeddedChannel(new TelnetFrameDecoder(64));
        for (int round = 0; round < 2000; round++) {
            byte[] chunk = new byte[random.nextInt(40)];
            random.nextBytes(chunk);
            for (Object msg : feed(channel, chunk)) {
                if (msg instanceof Line(String text)) {
                    assertThat(text.codePoints()).allMatch(c -> c >= 0x20 || c == '\t');
                    assertThat(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64 * 3);
                }
            }
        }
        channel.finishAndReleaseAll();
    }
}
