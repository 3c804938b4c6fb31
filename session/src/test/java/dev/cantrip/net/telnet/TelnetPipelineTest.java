package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.DO;
import static dev.cantrip.net.telnet.Telnet.IAC;
import static dev.cantrip.net.telnet.Telnet.NAWS;
import static dev.cantrip.net.telnet.TelnetTestSupport.bytes;
import static dev.cantrip.net.telnet.TelnetTestSupport.connected;
import static dev.cantrip.net.telnet.TelnetTestSupport.feed;
import static dev.cantrip.net.telnet.TelnetTestSupport.hex;
import static dev.cantrip.net.telnet.TelnetTestSupport.readOutbound;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.net.telnet.TelnetEvent.Line;
import dev.cantrip.net.telnet.TelnetEvent.LineTooLong;
import dev.cantrip.net.telnet.TelnetOutput.Text;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** The public entry point: handler order, arguments, and a round trip. */
class TelnetPipelineTest {

    @Test
    void installsNamedHandlersInOrder() {
        EmbeddedChannel channel = connected(80);
        assertThat(channel.pipeline().names()).startsWith(
                TelnetPipeline.DECODER, TelnetPipeline.ENCODER, TelnetPipeline.NEGOTIATOR);
        assertThat(TelnetPipeline.DECODER).isEqualTo("telnet-decoder");
        assertThat(TelnetPipeline.ENCODER).isEqualTo("telnet-encoder");
        assertThat(TelnetPipeline.NEGOTIATOR).isEqualTo("telnet-negotiator");
    }

    @Test
    void rejectsBadArguments() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertThatThrownBy(() -> TelnetPipeline.install(null, 80)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TelnetPipeline.install(channel.pipeline(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(channel.pipeline().names()).doesNotContain(TelnetPipeline.DECODER);
    }

    @Test
    void installingOnAnActiveChannelGreetsAtOnceAndOnlyOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        assertThat(channel.isActive()).isTrue();
        TelnetPipeline.install(channel.pipeline(), 80);
        assertThat(hex(readOutbound(channel))).isEqualTo(hex(bytes(IAC, DO, NAWS)));
        channel.pipeline().fireChannelActive();
        assertThat(hex(readOutbound(channel))).isEmpty();
    }

    @Test
    void roundTrip() {
        EmbeddedChannel channel = connected(16);
        assertThat(feed(channel, bytes("hello\r\n", "this line is far too long\r\n", "bye\n")))
                .containsExactly(new Line("hello"), new LineTooLong(16), new Line("bye"));
        channel.writeOutbound(new Text("You see:\n"), "a lamp\r\n");
        assertThat(hex(readOutbound(channel))).isEqualTo(hex(bytes("You see:\r\na lamp\r\n")));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
