package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.CR;
import static dev.cantrip.net.telnet.Telnet.IAC;
import static dev.cantrip.net.telnet.Telnet.LF;
import static dev.cantrip.net.telnet.Telnet.NUL;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes {@link TelnetOutput.Text}, plain {@code String}, {@link TelnetOutput.Raw} and {@link
 * TelnetCommand.Negotiation} into bytes; anything else passes by untouched. Data bytes 0xFF are
 * always doubled, so nothing written as data can be read by the peer as a command.
 *
 * <p>{@link TelnetOutput.HideInput} is not encoded here: {@link TelnetNegotiator}, which sits
 * after this handler, turns it into a negotiation, because only it knows the echo state.
 */
final class TelnetEncoder extends MessageToMessageEncoder<Object> {

    @Override
    public boolean acceptOutboundMessage(Object msg) {
        return msg instanceof String
                || msg instanceof TelnetOutput.Text
                || msg instanceof TelnetOutput.Raw
                || msg instanceof TelnetCommand.Negotiation;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        // Always one buffer out, even an empty one: the encoder must produce a message.
        out.add(switch (msg) {
            case String text -> text(ctx, text);
            case TelnetOutput.Text(String text) -> text(ctx, text);
            case TelnetOutput.Raw raw -> raw(ctx, raw.dataWithoutCopy());
            case TelnetCommand.Negotiation(int verb, int option) ->
                    ctx.alloc().buffer(3).writeByte(IAC).writeByte(verb).writeByte(option);
            default -> throw new IllegalArgumentException("not accepted: " + msg.getClass());
        });
    }

    private static ByteBuf text(ChannelHandlerContext ctx, String text) {
        // Converting after UTF-8 encoding is safe: CR, LF and 0xFF never occur inside a
        // multi-byte UTF-8 sequence.
        byte[] bytes = withoutControls(text).getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = ctx.alloc().buffer(bytes.length + 16);
        for (int i = 0; i < bytes.length; i++) {
            int b = Byte.toUnsignedInt(bytes[i]);
            switch (b) {
                case CR -> {
                    if (i + 1 < bytes.length && bytes[i + 1] == LF) {
                        buf.writeByte(CR).writeByte(LF);
                        i++;
                    } else {
                        buf.writeByte(CR).writeByte(NUL); // RFC 854: a bare CR is sent as CR NUL
                    }
                }
                case LF -> buf.writeByte(CR).writeByte(LF);
                case IAC -> buf.writeByte(IAC).writeByte(IAC);
                default -> buf.writeByte(b);
            }
        }
        return buf;
    }

    /**
     * Text is shown as text: control characters other than tab, CR and LF (ESC, BEL, C1 controls
     * such as CSI) become '?', so text a player wrote (a room description, a say) can never drive
     * another player's terminal: no clearing the screen, no changing its title. Colour, when it
     * comes, gets an output type of its own.
     */
    static String withoutControls(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
            if (control) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
                b.append('?');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    private static ByteBuf raw(ChannelHandlerContext ctx, byte[] data) {
        ByteBuf buf = ctx.alloc().buffer(data.length + 16);
        for (byte b : data) {
            buf.writeByte(b);
            if (b == (byte) IAC) {
                buf.writeByte(IAC);
            }
        }
        return buf;
    }
}
