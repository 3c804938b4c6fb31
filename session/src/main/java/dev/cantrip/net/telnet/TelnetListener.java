package dev.cantrip.net.telnet;

import dev.cantrip.game.Game;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The telnet port. Each connection gets the telnet codec ({@link TelnetPipeline}) and then a
 * {@link TelnetConnection} that joins it to the game.
 */
public final class TelnetListener implements AutoCloseable {

    private final Channel serverChannel;
    private final ChannelGroup clients;

    private TelnetListener(Channel serverChannel, ChannelGroup clients) {
        this.serverChannel = serverChannel;
        this.clients = clients;
    }

    /**
     * Binds the telnet port.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static TelnetListener bind(EventLoopGroup acceptors, EventLoopGroup workers, InetSocketAddress address,
                                      Game game, int maxLineBytes) throws IOException {
        ChannelGroup clients = new DefaultChannelGroup("telnet-clients", GlobalEventExecutor.INSTANCE);
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        TelnetPipeline.install(ch.pipeline(), maxLineBytes);
                        ch.pipeline().addLast("session", new TelnetConnection(game, maxLineBytes));
                    }
                });
        try {
            return new TelnetListener(b.bind(address).sync().channel(), clients);
        } catch (Exception e) {
            throw new IOException("cannot listen for telnet on " + address.getHostString() + ":" + address.getPort()
                    + " (" + e.getMessage() + "); is another server using that port? Choose another with"
                    + " --telnet-port.", e);
        }
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /**
     * Waits up to {@code timeout} for every client connection to close, so that farewell messages
     * are written before the I/O threads stop (stopping them closes what is still open at once).
     */
    public void awaitClientsClosed(Duration timeout) {
        clients.newCloseFuture().awaitUninterruptibly(timeout.toMillis());
    }

    /** Stops accepting connections; open ones stay. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
    }
}
