package dev.cantrip.server;

import dev.cantrip.command.StandardCommands;
import dev.cantrip.game.Game;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.net.telnet.TelnetListener;
import dev.cantrip.net.web.WebListener;
import dev.cantrip.scripting.JavaCommand;
import dev.cantrip.scripting.JavaService;
import dev.cantrip.store.Store;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole server, wired in one place: the store, the game loop, the game, and the network
 * listeners. {@link #start} brings it up; {@link #stop} takes it down cleanly (sessions told,
 * data flushed) and is safe to call more than once and from a shutdown hook.
 */
public final class CantripServer {

    private static final System.Logger LOG = System.getLogger(CantripServer.class.getName());

    private final ServerConfig config;
    private final Store store;
    private final GameLoop loop;
    private final Game game;
    private final JavaService java;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final TelnetListener telnet;
    private final WebListener web;
    private final PrintStream out;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private CantripServer(ServerConfig config, Store store, GameLoop loop, Game game, JavaService java,
                          EventLoopGroup acceptors, EventLoopGroup workers, TelnetListener telnet, WebListener web,
                          PrintStream out) {
        this.java = java;
        this.config = config;
        this.out = out;
        this.store = store;
        this.loop = loop;
        this.game = game;
        this.acceptors = acceptors;
        this.workers = workers;
        this.telnet = telnet;
        this.web = web;
    }

    /**
     * Opens the database, loads the world, makes sure a Developer exists, and starts listening.
     *
     * @param adminSpec the value of {@code CANTRIP_ADMIN}, or null
     * @param console the terminal to ask for a first Developer on, or null
     * @param out where to print what the operator must see (addresses, a generated password)
     */
    public static CantripServer start(ServerConfig config, String adminSpec, Console console, PrintStream out)
            throws IOException, InterruptedException {
        Files.createDirectories(config.dataDir());
        Store store = Store.open(config.jdbcUrl());
        JavaService java = JavaService.start(config.java());
        CantripServer[] self = new CantripServer[1];
        GameLoop loop = GameLoop.start("cantrip-loop", fatal -> {
            // Under Main: the process ends at once (a supervisor restarts it); embedded: a clean stop.
            if (FatalErrors.report(Thread.currentThread(), fatal)) {
                return;
            }
            if (self[0] != null) {
                self[0].stopInBackground("a fatal error on the game loop", 1);
            }
        });
        Game game;
        try {
            Game.Settings settings = new Game.Settings(config.loginIdleTimeout(), config.passwordIterations(),
                    config.maxQueuedLines(), config.creationsPerAddress(), config.flowEscape());
            game = loop.call(() -> {
                Game g = Game.start(loop, store, settings, StandardCommands.registry().add(new JavaCommand(java)),
                        by -> self[0].stopInBackground(by, 0));
                java.attach(g);
                return g;
            }).join();
            FirstAdmin.ensure(game, adminSpec, console, out);
        } catch (RuntimeException e) {
            loop.shutdown(Duration.ofSeconds(5));
            java.close();
            store.close();
            throw e;
        }
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        TelnetListener telnet;
        WebListener web;
        try {
            telnet = TelnetListener.bind(acceptors, workers, new InetSocketAddress(config.bind(), config.telnetPort()),
                    game, config.maxLineBytes());
            web = WebListener.bind(acceptors, workers, new InetSocketAddress(config.bind(), config.webPort()),
                    game, telnet);
        } catch (IOException | RuntimeException e) {
            acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            loop.shutdown(Duration.ofSeconds(5));
            java.close();
            store.close();
            throw e;
        }
        CantripServer server = new CantripServer(config, store, loop, game, java, acceptors, workers, telnet, web,
                out);
        self[0] = server;
        FatalErrors.whenFatal(() -> server.stop("The server ran out of memory and is restarting. Goodbye."));
        out.println("Cantrip telnet listening on " + hostPort(telnet.address()));
        out.println("Cantrip web listening on http://" + hostPort(web.address()) + "/");
        out.println("Data in " + config.dataDir().toAbsolutePath().normalize());
        out.flush();
        LOG.log(System.Logger.Level.INFO, "started: telnet {0}, web {1}, database {2} (schema version {3})",
                hostPort(telnet.address()), hostPort(web.address()), Store.redact(config.jdbcUrl()),
                store.schemaVersion());
        return server;
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** The game, for tests and embedding. */
    public Game game() {
        return game;
    }

    /** Where telnet listens. */
    public InetSocketAddress telnetAddress() {
        return telnet.address();
    }

    /** Where the web listener listens. */
    public InetSocketAddress webAddress() {
        return web.address();
    }

    private void stopInBackground(String by, int exitStatus) {
        LOG.log(System.Logger.Level.INFO, "shutdown asked by {0}", by);
        Thread.ofPlatform().name("cantrip-shutdown").start(() -> {
            stop("The server is shutting down (asked by " + by + "). Goodbye.");
            System.exit(exitStatus);
        });
    }

    private static void stage(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "shutdown: " + what + " failed; going on", e);
        }
    }

    /** Waits until the server has stopped. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops the server: sessions are told and closed, listeners closed, queued game work run,
     * every change written, the database closed. Later calls wait for the first to finish.
     */
    public void stop(String farewell) {
        if (!stopping.compareAndSet(false, true)) {
            try {
                stopped.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        // Each stage runs even if an earlier one failed: whatever happens, the store is closed last,
        // after everything that could still change the world has stopped.
        stage("closing the listeners", () -> {
            telnet.close();
            web.close();
        });
        stage("telling and closing the sessions", () -> {
            loop.execute(() -> game.closeAll(farewell));
            loop.shutdown(Duration.ofSeconds(10));
            telnet.awaitClientsClosed(Duration.ofSeconds(3));
        });
        stage("stopping the network threads", () -> {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        });
        stage("stopping the password workers", game::stop);
        // After the loop: a worker waiting for a run the stopped loop will never start is woken here.
        stage("stopping the Java engine", java::close);
        try {
            store.close();
            long unwritten = store.lostChanges();
            // Printed, not logged: during JVM shutdown the logging system may already be closed.
            out.println(unwritten == 0
                    ? "Cantrip stopped; all changes written to " + Store.redact(config.jdbcUrl())
                    : "Cantrip stopped, but " + unwritten + " change(s) were not written to "
                            + Store.redact(config.jdbcUrl()) + "; see the log");
            out.flush();
        } catch (RuntimeException e) {
            out.println("Cantrip stopped, but closing the database failed: " + e.getMessage());
        } finally {
            stopped.countDown();
        }
    }
}
