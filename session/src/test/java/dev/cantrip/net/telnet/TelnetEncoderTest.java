package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.ECHO;
import static dev.cantrip.net.telnet.Telnet.IAC;
import static dev.cantrip.net.telnet.Telnet.WILL;
import static dev.cantrip.net.telnet.TelnetTestSupport.bytes;
import static dev.cantrip.net.telnet.TelnetTestSupport.hex;
import static dev.cantrip.net.telnet.TelnetTestSupport.readOutbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.net.telnet.TelnetOutput.Raw;
import dev.cantrip.net.telnet.TelnetOutput.Text;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** Outbound bytes: line end conversion, IAC doubling, commands. */
class TelnetEncoderTest {

    private static byte[] encode(Object msg) {
        EmbeddedChannel channel = new EmbeddedChannel(new TelnetEncoder());
        channel.writeOutbound(msg);
        byte[] out = readOutbound(channel);
        assertThat(channel.finish()).isFalse();
        return out;
    }

    private static void assertEncodes(Object msg, byte[] expected) {
        assertThat(hex(encode(msg))).as("encoding %s", msg).isEqualTo(hex(expected));
    }

    @Test
    void newlinesBecomeCrLfOnce() {
        assertEncodes(new Text("a\nb"), bytes("a\r\nb"));
        assertEncodes(new Text("a\r\nb"), bytes("a\r\nb"));
        assertEncodes(new Text("\n\n"), bytes("\r\n\r\n"));
        assertEncodes(new Text("\r\n\n\r\n"), bytes("\r\n\r\n\r\n"));
        assertEncodes(new Text("x\n"), bytes("x\r\n"));
    }

    @Test
    void bareCrBecomesCrNul() {
        assertEncodes(new Text("a\rb"), bytes("a\r", 0, "b"));
        assertEncodes(new Text("a\r"), bytes("a\r", 0));
        assertEncodes(new Text("\r\r\n"), bytes("\r", 0, "\r\n"));
    }

    @Test
    void textIsUtf8() {
        assertEncodes(new Text("é€😀"), bytes(0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80));
    }

    @Test
    void controlCharactersCannotDriveTheTerminal() {
        // ESC sequences (clear screen, window title), BEL, DEL and the C1 CSI become '?'.
        assertEncodes(new Text("\u001b[2J\u001b]0;owned\u0007x\u007f\u009b1m\tok\n"),
                bytes("?[2J?]0;owned?x??1m\tok\r\n"));
        assertEncodes(new Text("tab\tand\r\nlines stay"), bytes("tab\tand\r\nlines stay"));
    }

    @Test
    void plainStringIsText() {
        assertEncodes("hi\nthere\r\n", bytes("hi\r\nthere\r\n"));
    }

    @Test
    void emptyTextIsNoBytes() {
        assertEncodes(new Text(""), new byte[0]);
    }

    @Test
    void rawDoublesIacAndKeepsLineEnds() {
        assertEncodes(new Raw(bytes(1, IAC, 2, IAC, IAC, '\n', '\r')),
                bytes(1, IAC, IAC, 2, IAC, IAC, IAC, IAC, '\n', '\r'));
    }

    @Test
    void negotiationIsThreeBytes() {
        assertEncodes(new TelnetCommand.Negotiation(WILL, ECHO), bytes(IAC, WILL, ECHO));
    }

    @Test
    void otherMessagesPassThrough() {
        EmbeddedChannel channel = new EmbeddedChannel(new TelnetEncoder());
        channel.writeOutbound(42);
        assertThat((Object) channel.readOutbound()).isEqualTo(42);
    }

    @Test
    void rawCopiesItsBytes() {
        byte[] data = bytes(1, 2);
        Raw raw = new Raw(data);
        data[0] = 9;
        raw.data()[1] = 9;
        assertThat(raw.data()).containsExactly(1, 2);
        assertThat(raw).isEqualTo(new Raw(bytes(1, 2))).hasSameHashCodeAs(new Raw(bytes(1, 2)));
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> new Text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Raw(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TelnetEvent.Line(null)).isInstanceOf(NullPointerException.class);
    }
}
