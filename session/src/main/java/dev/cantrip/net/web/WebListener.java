package dev.cantrip.net.web;

import dev.cantrip.game.Game;
import dev.cantrip.loop.LagStats;
import dev.cantrip.net.telnet.TelnetListener;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The web port: for now a page telling visitors how to connect, and {@code /health} for scripts
 * and monitors ({@code {"status":"ok","reasons":[],...}} with the game loop's lag; {@code degraded}
 * with its reasons, see {@link Health}; 503 when the loop has stopped or is stuck). The browser
 * client will live here.
 */
public final class WebListener implements AutoCloseable {

    private final Channel serverChannel;

    private WebListener(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /**
     * Binds the web port.
     *
     * @throws IOException if the address cannot be bound (the message names it)
     */
    public static WebListener bind(EventLoopGroup acceptors, EventLoopGroup workers, InetSocketAddress address,
                                   Game game, TelnetListener telnet) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // A client gets 30 seconds to send its request; idle connections are dropped.
                        ch.pipeline().addLast(new ReadTimeoutHandler(30));
                        ch.pipeline().addLast(new HttpServerCodec(4096, 8192, 8192));
                        ch.pipeline().addLast(new HttpObjectAggregator(16 * 1024));
                        ch.pipeline().addLast(new Pages(game, telnet));
                    }
                });
        try {
            return new WebListener(b.bind(address).sync().channel());
        } catch (Exception e) {
            throw new IOException("cannot listen for the web on " + address.getHostString() + ":" + address.getPort()
                    + " (" + e.getMessage() + "); is another server using that port? Choose another with"
                    + " --web-port.", e);
        }
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly();
    }

    /**
     * How the server is doing, for {@code /health}: {@code ok}; {@code degraded} with the reasons
     * (input paused for a reload, snippet threads stuck inside the JDK; HTTP 503 when the game loop
     * has been busy with one piece of work for longer than {@link #LOOP_STUCK_AFTER}, as nobody is
     * being answered then); or {@code game loop stopped} (503).
     *
     * @param serving whether players are being answered (HTTP 200), else 503
     */
    record Health(String status, boolean serving, java.util.List<String> reasons) {
        /** A loop busy this long with one piece of work answers nobody: the server is not serving. */
        static final Duration LOOP_STUCK_AFTER = Duration.ofSeconds(2);

        static Health of(Game game) {
            if (!game.loop().running()) {
                return new Health("game loop stopped", false, java.util.List.of("the game loop has stopped"));
            }
            java.util.List<String> reasons = new java.util.ArrayList<>();
            long busy = game.loop().busyNanos();
            boolean stuck = busy > LOOP_STUCK_AFTER.toNanos();
            if (stuck) {
                reasons.add("the game loop has been busy with one piece of work for " + busy / 1_000_000 + " ms");
            }
            if (game.pump().paused()) {
                reasons.add(game.reloading() ? "input is paused: the game is reloading" : "input is paused");
            }
            int stuckRuns = game.stuckRuns();
            if (stuckRuns > 0) {
                reasons.add(stuckRuns + " snippet thread(s) given up while stuck inside the JDK still running");
            }
            return reasons.isEmpty() ? new Health("ok", true, java.util.List.of())
                    : new Health("degraded", !stuck, java.util.List.copyOf(reasons));
        }
    }

    /** Answers each request from what it is for; every answer closes the connection. */
    private static final class Pages extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final Game game;
        private final TelnetListener telnet;

        Pages(Game game, TelnetListener telnet) {
            this.game = game;
            this.telnet = telnet;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            String path = req.uri().split("\\?", 2)[0];
            FullHttpResponse res;
            if (!req.decoderResult().isSuccess()) {
                res = text(HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n");
            } else if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
                res = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "only GET is served here\n");
            } else if (path.equals("/health")) {
                long up = Duration.between(game.startedAt(), Instant.now()).toSeconds();
                Health h = Health.of(game);
                LagStats lag = game.loop().lag();
                res = text(h.serving() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "application/json", "{\"status\":\"" + h.status() + "\",\"reasons\":["
                                + String.join(",", h.reasons().stream().map(r -> "\"" + json(r) + "\"").toList())
                                + "],\"uptimeSeconds\":" + up + ",\"sessions\":" + game.sessions().size()
                                + ",\"loopLagP99Micros\":" + lag.p99Nanos() / 1000
                                + ",\"telnetPort\":" + telnet.address().getPort() + "}\n");
            } else if (path.equals("/")) {
                res = text(HttpResponseStatus.OK, "text/html; charset=utf-8", """
                        <!doctype html>
                        <html><head><meta charset="utf-8"><title>Cantrip</title></head>
                        <body><h1>Cantrip</h1>
                        <p>The game is running. Connect with a telnet client:
                        <code>telnet HOST PORT</code>.</p></body></html>
                        """.replace("HOST", telnet.address().getHostString())
                        .replace("PORT", Integer.toString(telnet.address().getPort())));
            } else {
                res = text(HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n");
            }
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        private static String json(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        private static FullHttpResponse text(HttpResponseStatus status, String type, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(bytes));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
            return res;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            dev.cantrip.server.FatalErrors.report(Thread.currentThread(), cause);
            ctx.close();
        }
    }
}
