package dev.cantrip.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server as the containment tests attack it: {@code java} open to Builders, a Developer
 * ({@code Wizard}), a hostile Builder ({@code Mallory}) and a Player bystander ({@code Bob}), all in
 * Limbo. {@link #watch()} has Bob type {@code look} over and over while an attack runs and measures
 * how long each answer took.
 */
final class AttackScene implements AutoCloseable {

    final ServerProcess server;
    final TelnetTestClient wizard;
    final TelnetTestClient mallory;
    final TelnetTestClient bob;

    private AttackScene(ServerProcess server, TelnetTestClient wizard, TelnetTestClient mallory, TelnetTestClient bob) {
        this.server = server;
        this.wizard = wizard;
        this.mallory = mallory;
        this.bob = bob;
    }

    /** {@link #start(Path, String, List)} with no extra settings and the default JVM options. */
    static AttackScene start(Path data) throws IOException, InterruptedException {
        return start(data, "", List.of());
    }

    /**
     * Starts a server on {@code data} with {@code java.min-role = builder} and {@code properties}
     * (more lines of cantrip.properties), {@code jvmOptions} added to the JVM's, and logs the
     * three in.
     */
    static AttackScene start(Path data, String properties, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Files.createDirectories(data);
        Files.writeString(data.resolve("cantrip.properties"), "java.min-role = builder\n" + properties + "\n");
        ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password", jvmOptions);
        try {
            TelnetTestClient wizard = new TelnetTestClient(server.telnetPort);
            wizard.expect("Welcome to Cantrip");
            wizard.say("connect Wizard wizard-password", "Welcome, Wizard! (Developer)");
            try (TelnetTestClient first = new TelnetTestClient(server.telnetPort)) {
                first.expect("Welcome to Cantrip");
                first.say("create Mallory mallory-password", "Welcome, Mallory!");
            }
            wizard.say("@perm Mallory = builder", "Mallory is now a Builder.");
            TelnetTestClient mallory = new TelnetTestClient(server.telnetPort);
            mallory.expect("Welcome to Cantrip");
            mallory.say("connect Mallory mallory-password", "Welcome, Mallory! (Builder)");
            TelnetTestClient bob = new TelnetTestClient(server.telnetPort);
            bob.expect("Welcome to Cantrip");
            bob.say("create Bob bob-password", "Welcome, Bob!");
            return new AttackScene(server, wizard, mallory, bob);
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * Creates and logs in one more account with {@code role} ("developer", "builder"), granted by the
     * Wizard; the caller closes it (before the scene).
     */
    TelnetTestClient another(String name, String role) throws IOException {
        String password = name.toLowerCase(java.util.Locale.ROOT) + "-password";
        try (TelnetTestClient first = new TelnetTestClient(server.telnetPort)) {
            first.expect("Welcome to Cantrip");
            first.say("create " + name + " " + password, "Welcome, " + name + "!");
        }
        wizard.say("@perm " + name + " = " + role, name + " is now a");
        return login(server, name, password, "Welcome, " + name + "!");
    }

    /** One more connection of an account made by {@link #another} (or Mallory's); the caller closes it. */
    TelnetTestClient again(String name) throws IOException {
        return login(server, name, name.toLowerCase(java.util.Locale.ROOT) + "-password", "Welcome, " + name + "!");
    }

    /**
     * Stops this server with SIGTERM (a clean stop, as a service manager sends), then starts a new
     * one on its data directory {@code data} with {@code jvmOptions} and logs the three in again.
     * Returns the new scene; this one is closed.
     */
    AttackScene restart(Path data, List<String> jvmOptions) throws IOException, InterruptedException {
        stop();
        return startAgain(data, jvmOptions);
    }

    /** Stops this server with SIGTERM (the clients are closed first); returns its exit code. */
    int stop() throws IOException, InterruptedException {
        try (wizard; mallory; bob) {
            // the clients first: their farewells are not waited for
        }
        return server.terminate();
    }

    /** Starts a server on {@code data} again (after {@link #stop()}) and logs the three in. */
    static AttackScene startAgain(Path data, List<String> jvmOptions) throws IOException, InterruptedException {
        ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password", jvmOptions);
        try {
            return new AttackScene(server, login(server, "Wizard", "wizard-password", "Welcome, Wizard! (Developer)"),
                    login(server, "Mallory", "mallory-password", "Welcome, Mallory! (Builder)"),
                    login(server, "Bob", "bob-password", "Welcome, Bob!"));
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private static TelnetTestClient login(ServerProcess server, String name, String password, String welcome)
            throws IOException {
        TelnetTestClient c = new TelnetTestClient(server.telnetPort);
        c.expect("Welcome to Cantrip");
        c.say("connect " + name + " " + password, welcome);
        return c;
    }

    /** Bob types {@code look}; returns how long the answer took, in milliseconds. Not while {@link #watch()} runs. */
    long bystanderLook() throws IOException {
        bob.skipReceived();
        long start = System.nanoTime();
        bob.say("look", "Limbo");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Starts Bob typing {@code look} every 200 ms on a thread of its own, each time waiting for the
     * answer, until the returned watch is closed. Bob's client is the watch's until then.
     */
    Bystander watch() {
        return new Bystander();
    }

    /** Bob looking around while an attack runs: how long each {@code look} took. */
    final class Bystander implements AutoCloseable {
        private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stop;
        private volatile Throwable failure;
        private final Thread thread;

        private Bystander() {
            thread = Thread.ofPlatform().name("bystander").daemon().start(() -> {
                try {
                    while (!stop) {
                        millis.add(bystanderLook());
                        Thread.sleep(200);
                    }
                } catch (Throwable t) {
                    failure = t;
                }
            });
        }

        /** Stops looking (after the look in progress is answered) and returns what was measured. */
        @Override
        public void close() throws InterruptedException {
            stop = true;
            thread.join(30_000);
        }

        /** The slowest answer so far, in milliseconds; fails if a look went unanswered (15 s) or the thread failed. */
        long worstMillis() {
            if (failure != null) {
                throw new AssertionError("the bystander's look failed: " + failure, failure);
            }
            synchronized (millis) {
                return millis.stream().mapToLong(Long::longValue).max().orElse(0);
            }
        }

        /** How many looks were answered. */
        int looks() {
            return millis.size();
        }

        /** One line for the test's output and BENCHMARKS.md: looks, median and worst. */
        String summary() {
            List<Long> sorted;
            synchronized (millis) {
                sorted = millis.stream().sorted().toList();
            }
            return sorted.isEmpty() ? "no look answered"
                    : sorted.size() + " looks, median " + sorted.get(sorted.size() / 2) + " ms, worst "
                            + sorted.getLast() + " ms";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try (server; wizard; mallory; bob) {
            // closes all, the server last
        }
    }
}
