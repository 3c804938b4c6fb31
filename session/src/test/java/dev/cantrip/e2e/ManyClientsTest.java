package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once against the real server: every command gets its answer, in the order typed,
 * and everyone in the room hears every say. A correctness test under concurrency, not a timing one.
 */
class ManyClientsTest {

    private static final int CLIENTS = 30;
    private static final int SAYS = 15;

    @TempDir
    Path data;

    @Test
    void everyCommandIsAnsweredInOrderAndEverySayIsHeard() throws Exception {
        // One address creates all the accounts here, and fast hashes keep the test short.
        Files.writeString(data.resolve("cantrip.properties"), """
                login.max-creations-per-address = 0
                password.iterations = 1000
                """);
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password")) {
            List<TelnetTestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    TelnetTestClient c = new TelnetTestClient(server.telnetPort);
                    c.expect("Welcome to Cantrip");
                    c.say("create Player" + i + " password-" + i, "Welcome, Player" + i + "!");
                    clients.add(c);
                }
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    TelnetTestClient c = clients.get(i);
                    int me = i;
                    done.add(pool.submit(() -> {
                        // Typed all at once, without waiting for answers.
                        for (int n = 0; n < SAYS; n++) {
                            c.send("say " + me + "-" + n);
                        }
                        for (int n = 0; n < SAYS; n++) {
                            c.expect("You say, \"" + me + "-" + n + "\"");
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(120, TimeUnit.SECONDS);
                }
                pool.shutdown();
                // Everyone stood in Limbo, so everyone heard every other player's last say.
                TelnetTestClient first = clients.getFirst();
                for (int i = 1; i < CLIENTS; i++) {
                    first.expectAnywhere("Player" + i + " says, \"" + i + "-" + (SAYS - 1) + "\"");
                }
            } finally {
                for (TelnetTestClient c : clients) {
                    c.close();
                }
            }
        }
    }
}
