package dev.cantrip.net.telnet;

import dev.cantrip.game.Game;
import dev.cantrip.session.Connection;
import dev.cantrip.session.Session;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last handler of a telnet pipeline: hands decoded lines to the game and is the session's
 * {@link Connection}. A client that stops reading while output piles up past a bound is
 * disconnected rather than allowed to fill the heap.
 */
final class TelnetConnection extends SimpleChannelInboundHandler<TelnetEvent> implements Connection {

    private static final System.Logger LOG = System.getLogger(TelnetConnection.class.getName());
    /** Output allowed to wait for a client that does not read, beyond the high-water mark. */
    private static final long MAX_PENDING_OUTPUT = 8L * 1024 * 1024;
    /** Lines handed to the game but not yet taken by it, above which reading from the socket pauses. */
    private static final int PAUSE_READING_AT = 32;
    private static final int RESUME_READING_AT = 8;
    /**
     * Lines in flight beyond which more are dropped: one socket read can hold tens of thousands of
     * short lines, decoded before reading pauses. The game would refuse them anyway (a busy
     * session queues at most a few dozen).
     */
    private static final int DROP_LINES_AT = 1024;

    private final Game game;
    private final int maxLineBytes;
    private volatile Channel channel;
    private volatile Session session;
    private final AtomicInteger linesInFlight = new AtomicInteger();
    private volatile boolean floodWarned;
    private volatile boolean overflowReported;

    TelnetConnection(Game game, int maxLineBytes) {
        this.game = game;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        session = game.connect(this);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TelnetEvent event) {
        Session s = session;
        switch (event) {
            case TelnetEvent.Line line -> {
                // A client pasting faster than the game takes lines is slowed by TCP itself, so the
                // loop's queue cannot grow without bound.
                int inFlight = linesInFlight.incrementAndGet();
                if (inFlight >= PAUSE_READING_AT) {
                    ctx.channel().config().setAutoRead(false);
                }
                if (inFlight > DROP_LINES_AT) {
                    linesInFlight.decrementAndGet();
                    if (!floodWarned) {
                        floodWarned = true;
                        s.send("You are sending lines far faster than the game can take them; the extra lines"
                                + " are dropped.");
                    }
                    return;
                }
                game.input(s, line.text(), this::lineTaken);
            }
            case TelnetEvent.LineTooLong tooLong -> s.send("That line was longer than " + maxLineBytes
                    + " bytes and was dropped. Send shorter lines.");
            case TelnetEvent.WindowSize size -> s.windowSize(size.columns(), size.rows());
        }
    }

    private void lineTaken() {
        Channel ch = channel;
        if (linesInFlight.decrementAndGet() <= RESUME_READING_AT && ch != null && !ch.config().isAutoRead()) {
            floodWarned = false;
            ch.config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Session s = session;
        if (s != null) {
            game.disconnect(s);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Out of memory on a network thread: the process ends (a supervisor restarts it).
        dev.cantrip.server.FatalErrors.report(Thread.currentThread(), cause);
        LOG.log(System.Logger.Level.DEBUG, "telnet connection error; closing", cause);
        ctx.close();
    }

    // ---- Connection ----

    @Override
    public void send(String text) {
        write(new TelnetOutput.Text(text + "\n"));
    }

    @Override
    public void prompt(String text) {
        write(new TelnetOutput.Text(text));
    }

    @Override
    public void hideInput(boolean hide) {
        write(new TelnetOutput.HideInput(hide));
    }

    private void write(TelnetOutput out) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            return;
        }
        if (!ch.isWritable() && ch.bytesBeforeWritable() > MAX_PENDING_OUTPUT) {
            if (!overflowReported) {
                overflowReported = true;
                LOG.log(System.Logger.Level.WARNING, "{0} is not reading its output; disconnecting it", session);
            }
            ch.close();
            return;
        }
        ch.writeAndFlush(out, ch.voidPromise());
    }

    @Override
    public void close(String farewell) {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        if (farewell != null && ch.isActive()) {
            ch.writeAndFlush(new TelnetOutput.Text(farewell + "\n")).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    @Override
    public boolean isOpen() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    @Override
    public String remoteAddress() {
        Channel ch = channel;
        if (ch != null && ch.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return "unknown";
    }

    @Override
    public String protocol() {
        return "telnet";
    }
}
