package dev.cantrip.net.telnet;

import static dev.cantrip.net.telnet.Telnet.DO;
import static dev.cantrip.net.telnet.Telnet.DONT;
import static dev.cantrip.net.telnet.Telnet.ECHO;
import static dev.cantrip.net.telnet.Telnet.NAWS;
import static dev.cantrip.net.telnet.Telnet.WILL;
import static dev.cantrip.net.telnet.Telnet.WONT;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * Holds the option state of one connection and answers the peer's negotiation.
 *
 * <p>Inbound it consumes {@link TelnetCommand}s, turning a NAWS subnegotiation into a {@link
 * TelnetEvent.WindowSize}, and passes everything else on. Outbound it turns {@link
 * TelnetOutput.HideInput} into WILL/WONT ECHO for {@link TelnetEncoder} and passes everything else
 * on. All state lives here and is touched only on the channel's event loop.
 *
 * <p>Policy: the peer is asked for NAWS when the channel becomes active; we offer ECHO only while
 * the server hides input; every other option is refused on either side, SGA included, so that
 * classic clients stay in line mode and do their own line editing. In the spirit of RFC 1143 a
 * reply is sent only when the option's state changes or a request has to be refused, and never
 * in answer to a refusal, so no two telnet implementations can talk each other into a loop.
 */
final class TelnetNegotiator extends ChannelDuplexHandler {

    /** The peer's side of NAWS. */
    private enum Naws {
        OFF,
        REQUESTED, // we sent DO and await the answer
        ON,
    }

    private Naws naws = Naws.OFF;
    private boolean greeted;
    /** What the server last asked for with HideInput. */
    private boolean hideWanted;
    /** Whether we last announced or agreed WILL ECHO (and not since WONT ECHO). */
    private boolean echoing;
    /** Replies were written while reading and need a flush when the read completes. */
    private boolean flushPending;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Normally added before the channel is active; if added later, greet now.
        if (ctx.channel().isActive()) {
            greet(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        greet(ctx);
        ctx.fireChannelActive();
    }

    private void greet(ChannelHandlerContext ctx) {
        if (!greeted) {
            greeted = true;
            naws = Naws.REQUESTED;
            ctx.writeAndFlush(new TelnetCommand.Negotiation(DO, NAWS), ctx.voidPromise());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case TelnetCommand.Negotiation(int verb, int option) -> negotiate(ctx, verb, option);
            case TelnetCommand.Subnegotiation(int option, byte[] payload) -> {
                if (option == NAWS && payload.length == 4) {
                    ctx.fireChannelRead(new TelnetEvent.WindowSize(
                            unsigned16(payload[0], payload[1]), unsigned16(payload[2], payload[3])));
                }
                // Other options, and NAWS of the wrong length, are ignored.
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof TelnetOutput.HideInput(boolean hide)) {
            hideWanted = hide;
            if (echoing != hide) {
                echoing = hide;
                ctx.write(new TelnetCommand.Negotiation(hide ? WILL : WONT, ECHO), promise);
            } else {
                promise.trySuccess(); // already in that state: nothing to send
            }
        } else {
            ctx.write(msg, promise);
        }
    }

    private void negotiate(ChannelHandlerContext ctx, int verb, int option) {
        switch (verb) {
            case WILL -> {
                if (option != NAWS) {
                    reply(ctx, DONT, option);
                } else {
                    if (naws == Naws.OFF) {
                        reply(ctx, DO, NAWS); // an offer we want; if REQUESTED, this is the answer
                    }
                    naws = Naws.ON;
                }
            }
            case WONT -> {
                if (option == NAWS) {
                    if (naws == Naws.ON) {
                        reply(ctx, DONT, NAWS); // acknowledge the switch off
                    }
                    naws = Naws.OFF; // if REQUESTED, this is a refusal: no reply
                }
                // Every other option of the peer's is off already.
            }
            case DO -> {
                if (option != ECHO) {
                    reply(ctx, WONT, option);
                } else if (!echoing) {
                    // A DO while echoing is the answer to our WILL, or redundant.
                    echoing = hideWanted;
                    reply(ctx, hideWanted ? WILL : WONT, ECHO);
                }
            }
            case DONT -> {
                if (option == ECHO && echoing) {
                    echoing = false; // must comply, even while the server wants input hidden
                    reply(ctx, WONT, ECHO);
                }
                // Every other option of ours is off already.
            }
            default -> throw new IllegalStateException("not a negotiation verb: " + verb);
        }
    }

    private void reply(ChannelHandlerContext ctx, int verb, int option) {
        ctx.write(new TelnetCommand.Negotiation(verb, option), ctx.voidPromise());
        flushPending = true;
    }

    private static int unsigned16(byte high, byte low) {
        return Byte.toUnsignedInt(high) << 8 | Byte.toUnsignedInt(low);
    }
}
