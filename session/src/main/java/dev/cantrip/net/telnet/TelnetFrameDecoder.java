package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.DO;
import static dev.cantrip.net.telnet.Telnet.DONT;
import static dev.cantrip.net.telnet.Telnet.EC;
import static dev.cantrip.net.telnet.Telnet.EL;
import static dev.cantrip.net.telnet.Telnet.IAC;
import static dev.cantrip.net.telnet.Telnet.SB;
import static dev.cantrip.net.telnet.Telnet.SE;
import static dev.cantrip.net.telnet.Telnet.WILL;
import static dev.cantrip.net.telnet.Telnet.WONT;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the inbound byte stream into telnet commands and data, and the data into lines.
 *
 * <p>Emits {@link TelnetEvent.Line}, {@link TelnetEvent.LineTooLong}, {@link
 * TelnetCommand.Negotiation} and {@link TelnetCommand.Subnegotiation}, in stream order. The parser
 * keeps its state between reads, so any sequence may be split at any byte. Nothing is left in the
 * cumulation buffer: every byte is consumed when it arrives.
 *
 * <p>Garbage is tolerated: IAC followed by an unknown byte is dropped; a subnegotiation longer
 * than {@link #MAX_SUBNEGOTIATION_BYTES} is discarded up to its IAC SE; inside a subnegotiation,
 * IAC followed by anything but IAC or SE ends the subnegotiation unreported and is read as a
 * command, so a peer that forgets IAC SE does not swallow its later negotiation.
 */
final class TelnetFrameDecoder extends ByteToMessageDecoder {
    /** No option this server understands needs more; NAWS needs 4. */
    static final int MAX_SUBNEGOTIATION_BYTES = 1024;

    private enum State {
        DATA, // plain data
        COMMAND, // after IAC
        OPTION, // after IAC WILL/WONT/DO/DONT
        SB_OPTION, // after IAC SB
        SB_DATA, // in a subnegotiation payload
        SB_IAC, // after IAC in a subnegotiation payload
    }

    private final LineAssembler lines;
    private final ByteAccumulator subnegotiation = new ByteAccumulator(MAX_SUBNEGOTIATION_BYTES);
    private State state = State.DATA;
    private int verb;
    private int sbOption;
    private boolean sbTooLong;

    TelnetFrameDecoder(int maxLineBytes) {
        this.lines = new LineAssembler(maxLineBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int b = in.readUnsignedByte();
            switch (state) {
                case DATA -> {
                    if (b == IAC) {
                        state = State.COMMAND;
                    } else {
                        lines.data(b, out);
                    }
                }
                case COMMAND -> command(b, out);
                case OPTION -> {
                    out.add(new TelnetCommand.Negotiation(verb, b));
                    state = State.DATA;
                }
                case SB_OPTION -> {
                    sbOption = b;
                    sbTooLong = false;
                    subnegotiation.clear();
                    state = State.SB_DATA;
                }
                case SB_DATA -> {
                    if (b == IAC) {
                        state = State.SB_IAC;
                    } else {
                        subnegotiationByte(b);
                    }
                }
                case SB_IAC -> {
                    if (b == IAC) {
                        subnegotiationByte(IAC);
                        state = State.SB_DATA;
                    } else if (b == SE) {
                        if (!sbTooLong) {
                            out.add(new TelnetCommand.Subnegotiation(sbOption, subnegotiation.toArray()));
                        }
                        subnegotiation.clear();
                        state = State.DATA;
                    } else {
                        subnegotiation.clear();
                        command(b, out);
                    }
                }
            }
        }
    }

    /** Handles the byte after an IAC outside a subnegotiation. */
    private void command(int b, List<Object> out) {
        state = State.DATA;
        switch (b) {
            case IAC -> lines.data(IAC, out); // an escaped 0xFF data byte
            case WILL, WONT, DO, DONT -> {
                verb = b;
                state = State.OPTION;
            }
            case SB -> state = State.SB_OPTION;
            case EC -> lines.eraseChar();
            case EL -> lines.eraseLine();
            // NOP, DM, BRK, IP, AO, AYT, GA, a stray SE and unknown bytes: nothing to do in a
            // line-based game, and ignoring them is always safe.
            default -> {}
        }
    }

    private void subnegotiationByte(int b) {
        if (sbTooLong) {
            return;
        }
        if (!subnegotiation.add(b)) {
            sbTooLong = true; // keep reading to IAC SE, keeping nothing
            subnegotiation.clear();
        }
    }
}
