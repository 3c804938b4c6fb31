package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.*;
import static dev.cantrip.net.telnet.TelnetTestSupport.bytes;
import static dev.cantrip.net.telnet.TelnetTestSupport.chunkings;
import static dev.cantrip.net.telnet.TelnetTestSupport.connected;
import static dev.cantrip.net.telnet.TelnetTestSupport.feed;
import static dev.cantrip.net.telnet.TelnetTestSupport.hex;
import static dev.cantrip.net.telnet.TelnetTestSupport.readOutbound;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.net.telnet.TelnetEvent.Line;
import dev.cantrip.net.telnet.TelnetEvent.WindowSize;
import dev.cantrip.net.telnet.TelnetOutput.HideInput;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option negotiation over the whole pipeline, checked on the exact bytes sent back. */
class TelnetNegotiatorTest {
    private final EmbeddedChannel channel = connected(80);

    /** Feeds the peer's bytes and returns what we sent back, as hex. */
    private String peerSends(Object... parts) {
        assertThat(feed(channel, bytes(parts))).isEmpty();
        return hex(readOutbound(channel));
    }

    private String serverWrites(Object msg) {
        channel.writeOutbound(msg);
        return hex(readOutbound(channel));
    }

    private static String sent(Object... parts) {
        return hex(bytes(parts));
    }

    @Test
    void nawsAcceptedWithoutRepeatingDo() {
        assertThat(peerSends(IAC, WILL, NAWS)).isEmpty();
        assertThat(peerSends(IAC, WILL, NAWS)).isEmpty();
        assertThat(feed(channel, bytes(IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE))).containsExactly(new WindowSize(80, 24));
        assertThat(hex(readOutbound(channel))).isEmpty();
    }

    @Test
    void nawsRefusedThenOfferedThenWithdrawn() {
        assertThat(peerSends(IAC, WONT, NAWS)).as("refusal of our DO").isEmpty();
        assertThat(peerSends(IAC, WILL, NAWS)).as("a later offer").isEqualTo(sent(IAC, DO, NAWS));
        assertThat(peerSends(IAC, WONT, NAWS)).as("switch off").isEqualTo(sent(IAC, DONT, NAWS));
        assertThat(peerSends(IAC, WONT, NAWS)).as("already off").isEmpty();
    }

    @Test
    void otherOptionsOfferedByThePeerAreRefused() {
        assertThat(peerSends(IAC, WILL, 24)).isEqualTo(sent(IAC, DONT, 24));
        assertThat(peerSends(IAC, WILL, ECHO)).isEqualTo(sent(IAC, DONT, ECHO));
        assertThat(peerSends(IAC, WONT, 24)).isEmpty();
    }

    @Test
    void optionsRequestedOfUsAreRefusedSgaIncluded() {
        assertThat(peerSends(IAC, DO, SGA)).isEqualTo(sent(IAC, WONT, SGA));
        assertThat(peerSends(IAC, DO, 24, IAC, DO, NAWS)).isEqualTo(sent(IAC, WONT, 24, IAC, WONT, NAWS));
        assertThat(peerSends(IAC, DONT, SGA, IAC, DONT, 24)).isEmpty();
    }

    @Test
    void echoRequestedWhileNotHidingIsRefused() {
        assertThat(peerSends(IAC, DO, ECHO)).isEqualTo(sent(IAC, WONT, ECHO));
        assertThat(peerSends(IAC, DONT, ECHO)).isEmpty();
    }

    @Test
    void hideInputSendsWillAndWontEchoOnce() {
        assertThat(serverWrites(new HideInput(true))).isEqualTo(sent(IAC, WILL, ECHO));
        assertThat(serverWrites(new HideInput(true))).isEmpty();
        assertThat(peerSends(IAC, DO, ECHO)).as("the peer's agreement").isEmpty();
        assertThat(serverWrites(new HideInput(false))).isEqualTo(sent(IAC, WONT, ECHO));
        assertThat(serverWrites(new HideInput(false))).isEmpty();
        assertThat(peerSends(IAC, DONT, ECHO)).as("the peer's acknowledgement").isEmpty();
        assertThat(serverWrites(new HideInput(true))).isEqualTo(sent(IAC, WILL, ECHO));
    }

    @Test
    void hideInputIsOrderedWithText() {
        channel.writeOutbound("Password: ", new HideInput(true), "\n");
        assertThat(hex(readOutbound(channel))).isEqualTo(hex(bytes("Password: ", IAC, WILL, ECHO, "\r\n")));
    }

    @Test
    void redundantHideInputStillCompletesItsFuture() {
        channel.writeOutbound(new HideInput(false));
        ChannelFuture future = channel.writeAndFlush(new HideInput(false));
        assertThat(future.isSuccess()).isTrue();
        assertThat(hex(readOutbound(channel))).isEmpty();
    }

    @Test
    void peerMayTurnEchoOffWhileHidingAndOnAgain() {
        serverWrites(new HideInput(true));
        assertThat(peerSends(IAC, DONT, ECHO)).isEqualTo(sent(IAC, WONT, ECHO));
        assertThat(peerSends(IAC, DONT, ECHO)).isEmpty();
        assertThat(peerSends(IAC, DO, ECHO)).as("still hiding").isEqualTo(sent(IAC, WILL, ECHO));
        assertThat(peerSends(IAC, DO, ECHO)).isEmpty();
    }

    @Test
    void repliesAreFlushedWithoutTheServerFlushing() {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(IAC, DO, 24)));
        assertThat(hex(readOutbound(channel))).isEqualTo(sent(IAC, WONT, 24));
    }

    @Test
    void nawsWithDoubledIacSplitAtEveryBoundary() {
        byte[] input = bytes(IAC, WILL, NAWS, IAC, SB, NAWS, 0x01, IAC, IAC, IAC, IAC, IAC, IAC, IAC, SE, "hi\n");
        for (List<byte[]> chunks : chunkings(input)) {
            EmbeddedChannel ch = connected(80);
            assertThat(feed(ch, chunks)).containsExactly(new WindowSize(0x01FF, 0xFFFF), new Line("hi"));
            assertThat(hex(readOutbound(ch))).isEmpty();
        }
    }

    @Test
    void malformedNawsIsIgnored() {
        assertThat(feed(channel, bytes(IAC, SB, NAWS, 0, 80, 0, IAC, SE))).isEmpty();
        assertThat(feed(channel, bytes(IAC, SB, NAWS, 0, 80, 0, 24, 0, IAC, SE))).isEmpty();
        assertThat(feed(channel, bytes(IAC, SB, NAWS, IAC, SE))).isEmpty();
        assertThat(feed(channel, bytes(IAC, SB, 24, 0, 80, 0, 24, IAC, SE))).isEmpty();
        assertThat(feed(channel, bytes(IAC, SB, NAWS, 0, 0, 0, 0, IAC, SE))).containsExactly(new WindowSize(0, 0));
        assertThat(hex(readOutbound(channel))).isEmpty();
    }

    @Test
    void twoPipelinesTalkingToEachOtherFallSilent() {
        // Each side is this implementation; whatever one starts, the exchange must end.
        EmbeddedChannel a = connected(80);
        EmbeddedChannel b = connected(80);
        a.writeOutbound(new HideInput(true));
        b.writeOutbound(new HideInput(true));
        byte[] fromA = bytes(IAC, DO, NAWS, IAC, WILL, ECHO, IAC, WILL, NAWS, IAC, DO, SGA);
        byte[] fromB = bytes(IAC, DO, NAWS, IAC, WILL, ECHO, IAC, DO, 24);
        readOutbound(a);
        readOutbound(b);
        int rounds = 0;
        while (fromA.length + fromB.length > 0) {
            assertThat(++rounds).as("rounds until silence").isLessThanOrEqualTo(4);
            feed(b, fromA);
            feed(a, fromB);
            fromA = readOutbound(a);
            fromB = readOutbound(b);
        }
    }

    @Test
    void serverHandlerSeesOnlyEvents() {
        List<Object> events = feed(channel, bytes(
                IAC, WILL, NAWS, "look\r\n", IAC, DO, ECHO, IAC, SB, NAWS, 0, 100, 0, 40, IAC, SE, IAC, NOP, "say hi\n"));
        assertThat(events).containsExactly(new Line("look"), new WindowSize(100, 40), new Line("say hi"));
        assertThat(hex(readOutbound(channel))).isEqualTo(sent(IAC, WONT, ECHO));
    }
}
