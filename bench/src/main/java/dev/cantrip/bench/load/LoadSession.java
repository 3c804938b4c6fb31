package dev.cantrip.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One telnet connection of the load client: sends commands and finds each one's answer among the
 * lines that come back (the first later line that is, or contains, its marker: a player's own
 * answers come in order, and other players' lines never match), recording the time from when the
 * command was due to be sent to its answer. Everything but {@link #awaitLine} and the counters
 * runs on the channel's event loop.
 */
final class LoadSession extends SimpleChannelInboundHandler<String> {

    private record Expected(String marker, boolean exact, long dueNanos, long sentNanos, Latencies into) {
        boolean matches(String line) {
            return exact ? line.equals(marker) : line.contains(marker);
        }
    }

    private record Waiter(String marker, CompletableFuture<String> found) {}

    final String name;
    private final Latencies sentLate;
    private final List<Expected> expected = new LinkedList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private volatile Channel channel;
    private volatile boolean lost;
    private volatile String lastLine = "(nothing yet)";
    private final AtomicInteger unanswered = new AtomicInteger();
    String room = "Limbo"; // where this player is, as the client moved it (event loop only)

    /** {@code sentLate}: where the client's own delay in sending each command goes. */
    LoadSession(String name, Latencies sentLate) {
        this.name = name;
        this.sentLate = sentLate;
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    Channel channel() {
        return channel;
    }

    /** The last line the server sent this session, for telling what went wrong. */
    String lastLine() {
        return lastLine;
    }

    /** Whether the connection closed before the client closed it. */
    boolean lost() {
        return lost;
    }

    /** Sends a line without expecting anything (any thread). */
    void send(String line) {
        channel.writeAndFlush(line + "\r\n");
    }

    /**
     * A line containing {@code marker}, from now on (any thread). The waiter is in place when this
     * returns: left queued as a task, it could come after the lines that answer what is sent next
     * (a busy loop runs its tasks after reading, and not all of them each turn), on this channel or
     * another.
     */
    CompletableFuture<String> awaitLine(String marker) {
        CompletableFuture<String> f = new CompletableFuture<>();
        Waiter w = new Waiter(marker, f);
        if (channel.eventLoop().inEventLoop()) {
            waiters.add(w);
        } else {
            channel.eventLoop().submit(() -> waiters.add(w)).syncUninterruptibly();
        }
        return f;
    }

    /** Commands sent and not answered yet (any thread). */
    int unanswered() {
        return unanswered.get();
    }

    /** Sends {@code line}, due at {@code dueNanos}, whose answer is the line {@code marker} (or containing it). */
    void command(String line, String marker, boolean exact, long dueNanos, Latencies into) {
        long now = System.nanoTime();
        expected.add(new Expected(marker, exact, dueNanos, now, into));
        unanswered.incrementAndGet();
        channel.writeAndFlush(line + "\r\n");
        sentLate.add(now - dueNanos, 0);
    }

    /** Counts the commands still unanswered as such and forgets them. */
    void giveUp() {
        for (Expected e : expected) {
            e.into().timedOut();
        }
        expected.clear();
        unanswered.set(0);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        long now = System.nanoTime();
        lastLine = line;
        for (Iterator<Expected> it = expected.iterator(); it.hasNext(); ) {
            Expected e = it.next();
            if (e.matches(line)) {
                e.into().add(now - e.dueNanos(), now - e.sentNanos());
                it.remove();
                unanswered.decrementAndGet();
                break;
            }
        }
        // Completed after the scan: what a completion runs may add waiters of its own.
        List<Waiter> found = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (line.contains(w.marker())) {
                it.remove();
                found.add(w);
            }
        }
        found.forEach(w -> w.found().complete(line));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        lost = true;
        List<Waiter> gone = new ArrayList<>(waiters);
        waiters.clear();
        gone.forEach(w -> w.found().completeExceptionally(new IllegalStateException(name + ": the connection closed")));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
