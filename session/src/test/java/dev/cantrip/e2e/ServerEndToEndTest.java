package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real server process over real sockets: what a new user and a Developer do. */
class ServerEndToEndTest {

    private static final String ADMIN = "Wizard:wizard-password";

    @TempDir
    Path data;

    @Test
    void newPlayerCreatesAnAccountWalksTalksAndReconnects() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient alice = new TelnetTestClient(server.telnetPort);
             TelnetTestClient bob = new TelnetTestClient(server.telnetPort)) {
            alice.expect("Welcome to Cantrip");
            alice.say("create Alice alice-password", "Welcome, Alice!");
            alice.expect("Exits: north");
            bob.expect("Welcome to Cantrip");
            bob.say("create Bob bob-password", "Welcome, Bob!");
            alice.expect("Bob has connected.");

            bob.say("say hi Alice", "You say, \"hi Alice\"");
            alice.expect("Bob says, \"hi Alice\"");
            String garden = alice.say("north", "Exits: south");
            assertThat(garden).contains("Garden");
            bob.expect("Alice leaves north.");
            alice.say("south", "Limbo");
            alice.say("who", "2 players.");
            alice.say("quit", "Goodbye, Alice.");
            assertThat(alice.closedByServer()).isTrue();

            try (TelnetTestClient again = new TelnetTestClient(server.telnetPort)) {
                again.expect("Welcome to Cantrip");
                again.say("connect alice alice-password", "Welcome, Alice!");
                again.say("look", "Limbo");
            }
        }
    }

    @Test
    void anAcknowledgedSetSurvivesKillDashNine() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
            assertThat(server.output()).contains("Created Developer account 'Wizard'");
            wiz.expect("Welcome to Cantrip");
            wiz.say("connect Wizard wizard-password", "Welcome, Wizard! (Developer)");
            wiz.say("@create crystal ball", "Created crystal ball");
            wiz.say("@set crystal/glow = {\"color\": \"blue\", \"power\": 9001}", "Set crystal ball/glow");
            // Acknowledged: now kill the process with no chance to flush anything.
            server.kill9();
        }
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
            assertThat(server.output()).doesNotContain("Created Developer account");
            wiz.expect("Welcome to Cantrip");
            wiz.say("connect Wizard wizard-password", "Welcome, Wizard!");
            String ex = wiz.say("@examine crystal", "glow = ");
            wiz.expect("\n");
            assertThat(wiz.transcript()).contains("glow = {\"color\": \"blue\", \"power\": 9001}  (map)");
            assertThat(ex).contains("Location: Wizard");
        }
    }

    @Test
    void acknowledgedChangesSurviveRepeatedKillDashNines() throws Exception {
        // With H2 reusing freed file space, the third run's changes (an attribute, a persistent task) were
        // lost after its kill -9.
        for (int run = 0; run < 4; run++) {
            try (ServerProcess server = ServerProcess.start(data, ADMIN);
                 TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
                wiz.expect("Welcome to Cantrip");
                wiz.say("connect Wizard wizard-password", "Exits:");
                for (int before = 0; before < run; before++) {
                    // Each run sees what every run before it set (the expect fails if not).
                    wiz.say("java/noecho here.attr(\"k" + before + "\")", "==> " + before + "  (");
                }
                wiz.say("tasks", run == 0 ? "You have no tasks" : run + (run == 1 ? " task." : " tasks."));
                wiz.say("@set here/k" + run + " = " + run, "Set Limbo/k" + run);
                wiz.say("java delay(600, () -> { }).persist()", "==> Task #" + (run + 1));
                if (run == 1) {
                    // H2 reuses a chunk's space only 45 s after it was written: the losses came after that.
                    Thread.sleep(46_000);
                }
                server.kill9();
            }
        }
    }

    @Test
    void sigtermTellsPlayersAndStopsCleanly() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
            wiz.expect("Welcome to Cantrip");
            wiz.say("connect Wizard wizard-password", "Welcome, Wizard!");
            wiz.say("@set here/note = \"before stop\"", "Set Limbo/note");
            server.terminate();
            wiz.expect("The server is shutting down");
            assertThat(server.output()).contains("Cantrip stopped; all changes written");
        }
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
            wiz.expect("Welcome to Cantrip");
            wiz.say("connect Wizard wizard-password", "Welcome, Wizard!");
            wiz.say("@set here/note", "note = \"before stop\"");
        }
    }

    @Test
    void badInputLeavesTheServerAndTheConnectionWorking() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient c = new TelnetTestClient(server.telnetPort)) {
            c.expect("Welcome to Cantrip");
            // The server asks for the window size at once.
            assertThat(c.commandsReceived()).containsSubsequence((byte) 255, (byte) 253, (byte) 31);
            // A line over the 8 KiB limit is refused with a message; the connection stays.
            byte[] huge = new byte[20_000];
            Arrays.fill(huge, (byte) 'x');
            c.sendRaw(huge);
            c.send("");
            c.expect("longer than 8192 bytes and was dropped");
            // Telnet commands, a window size, stray control bytes and broken UTF-8 never show as text.
            c.sendRaw(new byte[] {(byte) 255, (byte) 251, 31, (byte) 255, (byte) 250, 31, 0, 100, 0, 40,
                    (byte) 255, (byte) 240, (byte) 255, (byte) 241, 1, 2, (byte) 0xC3});
            c.sendRaw("\r\n".getBytes(StandardCharsets.UTF_8));
            c.say("help", "connect <name> <password>");
            c.say("create Zed zed-password", "Welcome, Zed!");
            c.say("say café ünïcödé ✓", "You say, \"café ünïcödé ✓\"");
            assertThat(c.transcript()).doesNotContain("\uFFFD\uFFFD");

            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.webPort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"sessions\":1");
        }
    }

    @Test
    void aSecondServerOnTheSameDataIsRefusedClearly() throws Exception {
        try (ServerProcess first = ServerProcess.start(data, ADMIN)) {
            ServerProcess.Failed second = ServerProcess.startExpectingFailure(data, ADMIN);
            assertThat(second.exitCode()).isNotZero();
            assertThat(second.output()).contains("error: cannot open the database")
                    .contains("another Cantrip server running on the same data directory");
            // The first one is unharmed.
            try (TelnetTestClient c = new TelnetTestClient(first.telnetPort)) {
                c.expect("Welcome to Cantrip");
            }
        }
    }

    @Test
    void withNoAdminAndNoTerminalAPasswordIsGeneratedAndPrintedOnce() throws Exception {
        String password;
        try (ServerProcess server = ServerProcess.start(data, null)) {
            var m = java.util.regex.Pattern.compile("Created Developer account 'admin' with password '([^']+)'")
                    .matcher(server.output());
            assertThat(m.find()).as("generated password line in:\n%s", server.output()).isTrue();
            password = m.group(1);
            try (TelnetTestClient c = new TelnetTestClient(server.telnetPort)) {
                c.expect("Welcome to Cantrip");
                c.say("connect admin " + password, "Welcome, admin! (Developer)");
            }
            server.terminate();
        }
        try (ServerProcess server = ServerProcess.start(data, null)) {
            assertThat(server.output()).doesNotContain("Created Developer account").doesNotContain(password);
        }
    }

    @Test
    void reloadKeepsEveryoneConnectedAndLoggedIn() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, ADMIN);
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort);
             TelnetTestClient pat = new TelnetTestClient(server.telnetPort)) {
            wiz.expect("Welcome to Cantrip");
            wiz.say("connect Wizard wizard-password", "Welcome, Wizard!");
            pat.expect("Welcome to Cantrip");
            pat.say("create Pat pat-password", "Welcome, Pat!");
            pat.say("north", "Garden");
            wiz.say("@dig Tower = up, down", "Dug Tower");
            wiz.say("@reload", "Reload complete.");
            pat.expect("Reload complete.");
            pat.say("look", "Garden");
            wiz.say("up", "Tower");
            wiz.say("down", "Limbo");
        }
    }
}
