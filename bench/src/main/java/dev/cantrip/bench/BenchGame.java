package dev.cantrip.bench;

import dev.cantrip.account.Role;
import dev.cantrip.command.CommandRegistry;
import dev.cantrip.command.StandardCommands;
import dev.cantrip.game.Game;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.scripting.JavaCommand;
import dev.cantrip.scripting.JavaService;
import dev.cantrip.scripting.JavaSettings;
import dev.cantrip.session.Connection;
import dev.cantrip.session.Session;
import dev.cantrip.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The real game in one process for benchmarks: the game loop, an H2 database in a temporary
 * directory, the Java engine, and clients that talk to it through the same entry points as the
 * telnet code (only the socket is left out, so that figures are the game's and not the kernel's).
 */
public final class BenchGame implements AutoCloseable {

    private final Path dir;
    private final boolean keep;
    private final Store store;
    private final GameLoop loop;
    private final JavaService java;
    private final Game game;

    public BenchGame(JavaSettings javaSettings) {
        this(javaSettings, null, false);
    }

    /**
     * A game on the database in {@code dataDir} (a new temporary one if null), which {@link #close}
     * deletes unless {@code keep}: a second game on the same directory is a restart.
     */
    public BenchGame(JavaSettings javaSettings, Path dataDir, boolean keep) {
        quietLogging();
        this.keep = keep;
        try {
            this.dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("cantrip-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.store = Store.open("jdbc:h2:file:" + dir.resolve("db"));
        this.loop = GameLoop.start("bench-loop");
        this.java = JavaService.start(javaSettings);
        CommandRegistry commands = StandardCommands.registry().add(new JavaCommand(java));
        this.game = loop.call(() -> {
            Game g = Game.start(loop, store, new Game.Settings(Duration.ofMinutes(5), 1_000, 64, 0), commands,
                    by -> { });
            java.attach(g);
            return g;
        }).join();
    }

    /** Log lines (a login each) would interleave with the figures; only warnings are kept. */
    private static void quietLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (Handler h : root.getHandlers()) {
            h.setLevel(Level.WARNING);
        }
    }

    /** The defaults of the shipped server. */
    public static BenchGame withDefaults() {
        return new BenchGame(JavaSettings.defaults());
    }

    public JavaService java() {
        return java;
    }

    public GameLoop loop() {
        return loop;
    }

    public Game game() {
        return game;
    }

    public Store store() {
        return store;
    }

    /** Creates an account (if new) and returns a client logged in to it. */
    public Client login(String name, Role role) throws TimeoutException {
        String password = name.toLowerCase() + "-password";
        if (loop.call(() -> game.accounts().find(name).isEmpty()).join()) {
            String hash = game.passwords().hash(password.toCharArray()).join();
            loop.call(() -> game.createAccount(name, hash, role)).join();
        }
        Client c = new Client();
        c.session = game.connect(c);
        c.await("Welcome to Cantrip", Duration.ofSeconds(30));
        c.run("connect " + name + " " + password, "Welcome, " + name, Duration.ofSeconds(30));
        c.await("Exits:", Duration.ofSeconds(30));
        return c;
    }

    /** Waits until the Java engine has {@code n} warm instances ready. */
    public void awaitWarmPool(int n, Duration within) throws TimeoutException, InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (java.stats().pooled() < n) {
            if (System.nanoTime() > end) {
                throw new TimeoutException("the pool did not warm " + n + " instances within " + within);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        loop.shutdown(Duration.ofSeconds(5));
        game.stop();
        java.close();
        store.close();
        if (keep) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    /** A client: what the game sends arrives as lines in a queue. */
    public final class Client implements Connection {
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private volatile boolean open = true;
        private Session session;

        /** Types a line without waiting. */
        public void type(String line) {
            game.input(session, line, () -> { });
        }

        /** Types a line and waits for a line containing {@code marker}. */
        public void run(String line, String marker, Duration within) throws TimeoutException {
            type(line);
            await(marker, within);
        }

        /** Waits for a line containing {@code marker}, dropping the lines before it. */
        /** Types {@code line}, waits for {@code marker}, and returns how long that took, in milliseconds. */
        public double timed(String line, String marker, Duration within) throws TimeoutException {
            long t0 = System.nanoTime();
            run(line, marker, within);
            return (System.nanoTime() - t0) / 1e6;
        }

        public void await(String marker, Duration within) throws TimeoutException {
            awaitLine(marker, within);
        }

        /** Waits for a line containing {@code marker}, dropping the lines before it; returns that line. */
        public String awaitLine(String marker, Duration within) throws TimeoutException {
            long end = System.nanoTime() + within.toNanos();
            while (true) {
                long left = end - System.nanoTime();
                String line;
                try {
                    line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException("interrupted waiting for " + marker);
                }
                if (line == null) {
                    throw new TimeoutException("no line containing '" + marker + "' within " + within);
                }
                if (line.contains(marker)) {
                    return line;
                }
            }
        }

        /** Disconnects. */
        public void disconnect() {
            open = false;
            game.disconnect(session);
        }

        @Override
        public void send(String text) {
            text.lines().forEach(lines::add);
        }

        @Override
        public void prompt(String text) {
            lines.add(text);
        }

        @Override
        public void hideInput(boolean hide) {
        }

        @Override
        public void close(String farewell) {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1";
        }

        @Override
        public String protocol() {
            return "bench";
        }
    }
}
