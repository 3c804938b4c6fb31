package dev.cantrip.net.telnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/** Byte building, channel feeding and split-at-every-boundary helpers for the telnet tests. */
final class TelnetTestSupport {
    private TelnetTestSupport() {}

    /**
     * Concatenates parts: a String as its UTF-8 bytes, an Integer or an ASCII Character as one
     * byte, a byte[] as is.
     */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case String s -> out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                case Integer b -> {
                    if (b < 0 || b > 0xFF) {
                        throw new IllegalArgumentException("not a byte: " + b);
                    }
                    out.write(b);
                }
                case Character c when c < 0x80 -> out.write(c);
                case byte[] array -> out.writeBytes(array);
                default -> throw new IllegalArgumentException("unsupported part: " + part);
            }
        }
        return out.toByteArray();
    }

    static byte[] repeat(char c, int count) {
        byte[] result = new byte[count];
        Arrays.fill(result, (byte) c);
        return result;
    }

    /** A channel with the whole telnet pipeline, already active, with its greeting consumed. */
    static EmbeddedChannel connected(int maxLineBytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInitializer<EmbeddedChannel>() {
            @Override
            protected void initChannel(EmbeddedChannel ch) {
                TelnetPipeline.install(ch.pipeline(), maxLineBytes);
            }
        });
        assertThat(hex(readOutbound(channel))).isEqualTo(hex(bytes(Telnet.IAC, Telnet.DO, Telnet.NAWS)));
        return channel;
    }

    /** Writes each chunk as one read and returns every inbound message that came out. */
    static List<Object> feed(EmbeddedChannel channel, List<byte[]> chunks) {
        for (byte[] chunk : chunks) {
            channel.writeInbound(Unpooled.wrappedBuffer(chunk));
        }
        return readInbound(channel);
    }

    static List<Object> feed(EmbeddedChannel channel, byte[] input) {
        return feed(channel, List.of(input));
    }

    static List<Object> readInbound(EmbeddedChannel channel) {
        List<Object> messages = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            messages.add(msg);
        }
        return messages;
    }

    /** Every outbound byte written so far, concatenated. */
    static byte[] readOutbound(EmbeddedChannel channel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object msg; (msg = channel.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                out.writeBytes(ByteBufUtil.getBytes(buf));
            } finally {
                buf.release();
            }
        }
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    /**
     * The ways to deliver {@code input} that the tests try: in one read, in two reads split at
     * every position, and one byte per read.
     */
    static List<List<byte[]>> chunkings(byte[] input) {
        List<List<byte[]>> result = new ArrayList<>();
        result.add(List.of(input));
        for (int i = 1; i < input.length; i++) {
            result.add(List.of(Arrays.copyOfRange(input, 0, i), Arrays.copyOfRange(input, i, input.length)));
        }
        List<byte[]> single = new ArrayList<>();
        for (byte b : input) {
            single.add(new byte[] {b});
        }
        result.add(single);
        return result;
    }

    /** Asserts that every chunking of {@code input} into a fresh channel yields {@code expected}. */
    static void assertDecodes(Supplier<EmbeddedChannel> channels, byte[] input, Object... expected) {
        for (List<byte[]> chunks : chunkings(input)) {
            EmbeddedChannel channel = channels.get();
            assertThat(feed(channel, chunks))
                    .as("input %s in reads %s", hex(input), chunks.stream().map(TelnetTestSupport::hex).toList())
                    .containsExactly(expected);
            channel.finishAndReleaseAll();
        }
    }
}
