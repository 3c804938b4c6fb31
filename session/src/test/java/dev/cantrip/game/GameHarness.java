package dev.cantrip.game;

import dev.cantrip.account.Role;
import dev.cantrip.command.CommandRegistry;
import dev.cantrip.command.StandardCommands;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.scripting.JavaCommand;
import dev.cantrip.scripting.JavaService;
import dev.cantrip.scripting.JavaSettings;
import dev.cantrip.scripting.JavaTiers;
import dev.cantrip.session.Connection;
import dev.cantrip.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A real game (real loop, real H2 store in a temp directory, real commands) driven through an
 * in-memory {@link Connection}, for tests of commands, login and roles without sockets.
 */
final class GameHarness implements AutoCloseable {

    final Path dir;
    final Store store;
    final GameLoop loop;
    final Game game;
    final List<String> shutdownRequests = new ArrayList<>();
    final JavaService java;

    GameHarness(Path dir) {
        this(dir, Duration.ofMinutes(5));
    }

    GameHarness(Path dir, Duration loginIdleTimeout) {
        this(dir, loginIdleTimeout, 1_000);
    }

    GameHarness(Path dir, Duration loginIdleTimeout, int passwordIterations) {
        this(dir, loginIdleTimeout, passwordIterations, 0);
    }

    GameHarness(Path dir, Duration loginIdleTimeout, int passwordIterations, int creationsPerAddress) {
        this(dir, loginIdleTimeout, passwordIterations, creationsPerAddress, null);
    }

    /** A game with the {@code java} command set up as {@code javaSettings} says. */
    GameHarness(Path dir, JavaSettings javaSettings) {
        this(dir, Duration.ofMinutes(5), 1_000, 0, javaSettings);
    }

    private GameHarness(Path dir, Duration loginIdleTimeout, int passwordIterations, int creationsPerAddress,
                        JavaSettings javaSettings) {
        this.dir = dir;
        this.store = Store.open("jdbc:h2:file:" + dir.resolve("db"));
        this.loop = GameLoop.start("harness-loop");
        this.java = javaSettings == null ? null : JavaService.start(javaSettings);
        CommandRegistry commands = StandardCommands.registry();
        if (java != null) {
            commands.add(new JavaCommand(java));
        }
        this.game = onLoop(() -> {
            Game g = Game.start(loop, store, new Game.Settings(loginIdleTimeout, passwordIterations, 64,
                    creationsPerAddress), commands, shutdownRequests::add);
            if (java != null) {
                java.attach(g);
            }
            return g;
        });
    }

    <T> T onLoop(Supplier<T> work) {
        return loop.call(work).join();
    }

    void onLoop(Runnable work) {
        loop.call(() -> {
            work.run();
            return null;
        }).join();
    }

    /** Creates an account with the given role, straight through the game. */
    void account(String name, String password, Role role) {
        String hash = game.passwords().hash(password.toCharArray()).join();
        onLoop(() -> game.createAccount(name, hash, role));
    }

    Client connect() {
        Client c = new Client();
        c.session = game.connect(c);
        return c;
    }

    @Override
    public void close() {
        loop.shutdown(Duration.ofSeconds(5));
        game.stop();
        if (java != null) {
            java.close();
        }
        store.close();
    }

    /**
     * Writes an operator's copy of the developer tier into {@code <dir>/tiers}, with {@code extra}
     * policy lines appended (a shorter budget, to test it quickly); returns the tiers folder.
     */
    static Path developerTierWith(Path dir, String extra) throws IOException {
        Path tiers = Files.createDirectories(dir.resolve("tiers"));
        try (var in = JavaTiers.class.getResourceAsStream("tiers/developer.policy")) {
            Files.writeString(tiers.resolve("developer.policy"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n" + extra + "\n");
        }
        return tiers;
    }

    /**
     * Makes Dev (a Developer) and Pat (a Player), logs both in, and returns them, Dev first, once
     * Dev has seen Pat arrive: the start of most tests of the {@code java} command.
     */
    Client[] devAndPat() {
        account("Dev", "dev-password", Role.DEVELOPER);
        account("Pat", "pat-password", Role.PLAYER);
        Client dev = connect();
        dev.loginAs("Dev", "dev-password");
        Client pat = connect();
        pat.loginAs("Pat", "pat-password");
        dev.expect("Pat has connected.");
        return new Client[] {dev, pat};
    }

    /** An in-memory client: what the game sends arrives in a queue of lines. */
    final class Client implements Connection {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final StringBuilder transcript = new StringBuilder();
        volatile boolean open = true;
        volatile boolean hidden;
        dev.cantrip.session.Session session;

        void type(String line) {
            game.input(session, line, () -> { });
        }

        /** Waits for a received line containing {@code text}; returns everything received up to it. */
        String expect(String text) {
            StringBuilder seen = new StringBuilder();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // generous: a shared 2-core machine
            while (System.nanoTime() < deadline) {
                String line;
                try {
                    line = received.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                if (line == null) {
                    continue;
                }
                seen.append(line).append('\n');
                if (line.contains(text)) {
                    return seen.toString();
                }
            }
            throw new AssertionError("never received '" + text + "'; got:\n" + seen);
        }

        /** Types a line and waits for {@code text}. */
        String say(String line, String text) {
            type(line);
            return expect(text);
        }

        /**
         * Types {@code line} and waits for {@code first} and {@code second} in either order (what a
         * callback says may come before the line's own result, which waits for its changes to be
         * saved); returns everything received meanwhile.
         */
        String sayBoth(String line, String first, String second) {
            type(line);
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().contains(first) || !seen.toString().contains(second)) {
                seen.append(expect(seen.toString().contains(first) ? second : first));
            }
            return seen.toString();
        }

        void loginAs(String name, String password) {
            expect("Welcome to Cantrip");
            say("connect " + name + " " + password, "Welcome, " + name);
        }

        @Override
        public void send(String text) {
            synchronized (transcript) {
                transcript.append(text).append('\n');
            }
            text.lines().forEach(received::add);
            if (text.isEmpty()) {
                received.add("");
            }
        }

        @Override
        public void prompt(String text) {
            received.add(text);
        }

        @Override
        public void hideInput(boolean hide) {
            hidden = hide;
        }

        @Override
        public void close(String farewell) {
            open = false;
            if (farewell != null) {
                send(farewell);
            }
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String remoteAddress() {
            return "192.0.2.1";
        }

        @Override
        public String protocol() {
            return "test";
        }
    }
}
