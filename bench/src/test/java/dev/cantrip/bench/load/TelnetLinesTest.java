package dev.cantrip.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TelnetLines}: the load client sees text lines, whatever negotiation and splitting the bytes carry. */
class TelnetLinesTest {

    private static List<String> lines(int[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new TelnetLines());
        for (int[] chunk : chunks) {
            byte[] b = new byte[chunk.length];
            for (int i = 0; i < chunk.length; i++) {
                b[i] = (byte) chunk[i];
            }
            ch.writeInbound(Unpooled.wrappedBuffer(b));
        }
        List<String> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((String) o);
        }
        return out;
    }

    private static int[] text(String s) {
        return s.chars().toArray();
    }

    @Test
    void negotiationIsDroppedAndCrLfEndsALine() {
        // IAC WILL ECHO, IAC DO NAWS, then text; IAC SB NAWS 0 80 0 24 IAC SE inside the next line.
        assertThat(lines(new int[] {255, 251, 1, 255, 253, 31}, text("Welcome\r\n"),
                new int[] {'h', 'i', 255, 250, 31, 0, 80, 0, 24, 255, 240, '!', '\r', '\n'}))
                .containsExactly("Welcome", "hi!");
    }

    @Test
    void aLineSplitAcrossReadsIsJoinedAndAnEscapedIacIsKeptAsData() {
        // IAC IAC is the data byte 255, split across two reads here; alone it is not UTF-8, so it
        // decodes as the replacement character.
        assertThat(lines(text("Loo"), new int[] {'k', 255}, new int[] {255, '\n'})).containsExactly("Look\uFFFD");
    }

    @Test
    void utf8IsDecoded() {
        byte[] utf8 = "Café ✓\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] bytes = new int[utf8.length];
        for (int i = 0; i < utf8.length; i++) {
            bytes[i] = utf8[i] & 0xff;
        }
        assertThat(lines(bytes)).containsExactly("Café ✓");
    }
}
