package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.IAC;
import static dev.cantrip.net.telnet.TelnetTestSupport.bytes;
import static dev.cantrip.net.telnet.TelnetTestSupport.feed;
import static dev.cantrip.net.telnet.TelnetTestSupport.repeat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.net.telnet.TelnetEvent.Line;
import dev.cantrip.net.telnet.TelnetEvent.LineTooLong;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Line ends, editing, UTF-8 and the length limit, each input split at every byte. */
class LineAssemblyTest {
    private static final int LIMIT = 8;

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new TelnetFrameDecoder(LIMIT));
    }

    private static void assertDecodes(byte[] input, Object... expected) {
        TelnetTestSupport.assertDecodes(LineAssemblyTest::channel, input, expected);
    }

    @Test
    void everyLineEnd() {
        assertDecodes(bytes("a\r\nb\nc\r", 0, "d\re\n"),
                new Line("a"), new Line("b"), new Line("c"), new Line("d"), new Line("e"));
    }

    @Test
    void emptyLines() {
        assertDecodes(bytes("\r\n\n\r", 0, "\r\n"), new Line(""), new Line(""), new Line(""), new Line(""));
    }

    @Test
    void crFollowedByAnotherByteKeepsThatByte() {
        assertDecodes(bytes("ab\rcd\n"), new Line("ab"), new Line("cd"));
        assertDecodes(bytes("a\r\rb\n"), new Line("a"), new Line(""), new Line("b"));
        assertDecodes(bytes("a\r", IAC, IAC, "\n"), new Line("a"), new Line("\uFFFD"));
    }

    @Test
    void lineEndsAtCrWithoutWaitingForLf() {
        EmbeddedChannel channel = channel();
        assertThat(feed(channel, bytes("look\r"))).containsExactly(new Line("look"));
        assertThat(feed(channel, bytes("\n"))).isEmpty();
        assertThat(feed(channel, bytes("north\r"))).containsExactly(new Line("north"));
        assertThat(feed(channel, bytes(0))).isEmpty();
        assertThat(feed(channel, bytes("x\n"))).containsExactly(new Line("x"));
    }

    @Test
    void lfThenCrIsTwoLineEnds() {
        assertDecodes(bytes("a\n\rb\n"), new Line("a"), new Line(""), new Line("b"));
    }

    @Test
    void backspaceAndDeleteEraseOneCharacter() {
        assertDecodes(bytes("abc\bd\n"), new Line("abd"));
        assertDecodes(bytes("ab", 0x7F, 0x7F, 0x7F, "x\n"), new Line("x"));
        assertDecodes(bytes("é\b€", 0x7F, "ü\n"), new Line("ü"));
        assertDecodes(bytes("a😀\b\n"), new Line("a"));
    }

    @Test
    void eraseOnMalformedUtf8RemovesOneByte() {
        // 80 is a stray continuation byte, E2 82 a truncated sequence: neither is a whole char.
        assertDecodes(bytes("a", 0x80, "\b\n"), new Line("a"));
        assertDecodes(bytes("a", 0xE2, 0x82, "\b\n"), new Line("a\uFFFD"));
        assertDecodes(bytes("a", 0xE2, 0x82, "\b\b\n"), new Line("a"));
    }

    @Test
    void controlsOtherThanTabAreDropped() {
        assertDecodes(bytes("a", 0x01, "b", 0x1B, "[1mc\td", 0, 0x07, "\n"), new Line("ab[1mc\td"));
    }

    @Test
    void utf8SplitAcrossReadsSurvives() {
        assertDecodes(bytes("h€😀\nü\n"), new Line("h€😀"), new Line("ü"));
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        assertDecodes(bytes("a", 0xC3, "b", IAC, IAC, "\n"), new Line("a\uFFFDb\uFFFD"));
        assertDecodes(bytes(0xF8, "a", 0x80, "\n"), new Line("\uFFFDa\uFFFD"));
    }

    @Test
    void lineOfExactlyTheLimitIsKept() {
        assertDecodes(bytes("12345678\n"), new Line("12345678"));
        assertDecodes(bytes("1234567€\n"), new LineTooLong(LIMIT));
        assertDecodes(bytes("12345€\n"), new Line("12345€"));
    }

    @Test
    void overLongLineIsDroppedAndTheNextLineWorks() {
        assertDecodes(bytes("123456789\nok\n"), new LineTooLong(LIMIT), new Line("ok"));
        assertDecodes(bytes("123456789abc\r\nok\r\n"), new LineTooLong(LIMIT), new Line("ok"));
        assertDecodes(bytes("a\n123456789\r", 0, "ok\r\n"), new Line("a"), new LineTooLong(LIMIT), new Line("ok"));
    }

    @Test
    void overLongLineIsReportedOnceWhenTheLimitIsPassed() {
        EmbeddedChannel channel = channel();
        assertThat(feed(channel, bytes("12345678"))).isEmpty();
        assertThat(feed(channel, bytes("9"))).containsExactly(new LineTooLong(LIMIT));
        for (int i = 0; i < 1000; i++) {
            assertThat(feed(channel, repeat('x', 1000))).isEmpty();
        }
        assertThat(feed(channel, bytes("\b\b\b", IAC, (int) Telnet.EL, "more\r"))).isEmpty();
        assertThat(feed(channel, bytes("\nok\n"))).containsExactly(new Line("ok"));
    }

    @Test
    void limitCountsKeptBytesAfterEditing() {
        assertDecodes(bytes("12345678\b9\n"), new Line("12345679"));
        assertDecodes(bytes("1234", 0x01, 0x02, 0x03, 0x04, 0x05, "5678\n"), new Line("12345678"));
    }
}
