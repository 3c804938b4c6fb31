package dev.cantrip.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.server.CantripServer;
import dev.cantrip.server.ConfigLoader;
import dev.cantrip.server.ServerConfig;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load client against a real server listening on loopback (in this JVM, on its own database):
 * a short run of every player command and a Developer's {@code java} gets every command answered
 * and the server's statistics back. Nothing here is timed (answers are waited for up to two minutes
 * after the run): the figures are {@code scripts/load}'s.
 */
class LoadClientTest {

    private static final String ADMIN = "loadadmin:load-admin-password";

    @Test
    void aShortRunGetsEveryCommandAnsweredAndTheServersStatistics(@TempDir Path data) throws Exception {
        // As scripts/load sets the server up: many accounts from one address, cheap password hashing.
        Files.writeString(data.resolve("cantrip.properties"),
                "login.max-creations-per-address=0\npassword.iterations=1000\n");
        ServerConfig config = ConfigLoader.load(List.of("--data", data.toString(), "--telnet-port", "0",
                "--web-port", "0"));
        CantripServer server = CantripServer.start(config, ADMIN, null, new PrintStream(OutputStream.nullOutputStream()));
        try {
            List<String> progress = new ArrayList<>();
            LoadReport report = LoadClient.run(LoadOptions.parse("--port",
                    Integer.toString(server.telnetAddress().getPort()), "--admin", ADMIN, "--sessions", "6",
                    "--active", "4", "--rate", "5", "--moves", "0.3", "--staff", "1", "--warmup", "1",
                    "--seconds", "2", "--grace", "120", "--rooms", "2"), progress::add);

            assertThat(progress).singleElement().asString().contains("6 sessions logged in (1 more as Developers)");
            assertThat(report.lost()).isZero();
            assertThat(report.connections()).isEqualTo(1 + 6 + 1); // the admin, the players, the Developer
            for (String kind : List.of("look", "say", "move", "java")) {
                LoadReport.Kind k = report.kind(kind).orElseThrow(() -> new AssertionError(kind + " not reported"));
                assertThat(k.answered()).as(kind + " answered").isPositive();
                assertThat(k.unanswered()).as(kind + " unanswered").isZero();
                assertThat(k.fromDue().maxMillis()).as(kind).isGreaterThanOrEqualTo(k.fromDue().p99Millis())
                        .isGreaterThanOrEqualTo(k.fromDue().p50Millis());
                // Written no earlier than due, so answered no later from writing than from due.
                assertThat(k.fromSent().p99Millis()).as(kind).isLessThanOrEqualTo(k.fromDue().p99Millis());
            }
            // 4 players at 5 commands/s for 2 counted seconds: 40 commands between them.
            int players = report.kinds().stream().filter(k -> List.of("look", "say", "move").contains(k.name()))
                    .mapToInt(LoadReport.Kind::answered).sum();
            assertThat(players).isBetween(32, 48);
            assertThat(report.serverStats()).hasSize(3);
            assertThat(report.serverStats().get(0)).contains("Loop lag");
            assertThat(report.serverStats().get(1)).contains("Output held until saved");
            assertThat(report.serverStats().get(2)).contains("Heap: ");
            assertThat(report.lines()).anyMatch(l -> l.startsWith("connections lost: 0 of 8"));
            if (Files.isReadable(Path.of("/proc/stat"))) {
                assertThat(report.machine()).get().asString().containsPattern("busy \\d+%, idle \\d+%, stolen by the hypervisor \\d+%");
            }
        } finally {
            server.stop("the test is over");
        }
    }
}
