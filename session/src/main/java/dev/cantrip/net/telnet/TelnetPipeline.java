package dev.cantrip.net.telnet;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelPipeline;

/**
 * Installs the telnet layer in a channel pipeline. After {@link #install}, the handler the server
 * adds next receives only {@link TelnetEvent}s and may write {@link TelnetOutput}s or plain
 * {@code String}s (treated as {@link TelnetOutput.Text}).
 */
public final class TelnetPipeline {
    /** Name of the handler that parses telnet commands and assembles lines. */
    public static final String DECODER = "telnet-decoder";
    /** Name of the handler that turns outbound text and commands into bytes. */
    public static final String ENCODER = "telnet-encoder";
    /** Name of the handler that negotiates options (NAWS, ECHO) with the peer. */
    public static final String NEGOTIATOR = "telnet-negotiator";

    private TelnetPipeline() {}

    /**
     * Adds the decoder, encoder and negotiator, in that order, at the end of {@code pipeline}.
     * Call it before the channel becomes active (for example in a {@code ChannelInitializer}) so
     * the NAWS request goes out on connect; if the channel is already active it goes out at once.
     *
     * @param maxLineBytes the most bytes one line of input may have; longer lines are dropped
     *     and reported as {@link TelnetEvent.LineTooLong}
     * @throws IllegalArgumentException if {@code maxLineBytes} is not positive
     */
    public static void install(ChannelPipeline pipeline, int maxLineBytes) {
        requireNonNull(pipeline, "pipeline");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        pipeline.addLast(DECODER, new TelnetFrameDecoder(maxLineBytes));
        pipeline.addLast(ENCODER, new TelnetEncoder());
        pipeline.addLast(NEGOTIATOR, new TelnetNegotiator());
    }
}
