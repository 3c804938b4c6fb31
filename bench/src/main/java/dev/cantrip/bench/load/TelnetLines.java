package dev.cantrip.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Telnet bytes in, text lines out: drops the server's option negotiation (IAC commands and
 * subnegotiations, which a load client does not answer) and splits on LF, dropping CR. A line
 * longer than the limit is cut there. Not sharable: it keeps the state of a partial line.
 */
public final class TelnetLines extends ByteToMessageDecoder {

    private static final int IAC = 255;
    private static final int SB = 250;
    private static final int SE = 240;
    private static final int MAX_LINE = 64 * 1024;

    private enum State { TEXT, IAC, OPTION, SUB, SUB_IAC }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private State state = State.TEXT;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int b = in.readUnsignedByte();
            switch (state) {
                case TEXT -> {
                    if (b == IAC) {
                        state = State.IAC;
                    } else if (b == '\n') {
                        out.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    } else if (b != '\r' && line.size() < MAX_LINE) {
                        line.write(b);
                    }
                }
                case IAC -> state = b == IAC ? text(b) : b == SB ? State.SUB : b >= 251 ? State.OPTION : State.TEXT;
                case OPTION -> state = State.TEXT; // the option byte of WILL/WONT/DO/DONT
                case SUB -> state = b == IAC ? State.SUB_IAC : State.SUB;
                case SUB_IAC -> state = b == SE ? State.TEXT : State.SUB;
            }
        }
    }

    private State text(int b) {
        line.write(b); // IAC IAC: a data byte 255
        return State.TEXT;
    }
}
