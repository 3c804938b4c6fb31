package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Programs no one here wrote, driving the real server: Debian's telnet under expect logs in,
 * looks, talks and walks; expect on a terminal answers the first-admin questions. Where telnet or
 * expect is missing, the tests are skipped and say so loudly.
 */
class RealTelnetClientTest {

    @TempDir
    Path data;

    @Test
    void debianTelnetLogsInLooksAndSays() throws Exception {
        Path expect = require("expect", "telnet");
        try (ServerProcess server = ServerProcess.start(data.resolve("server"), "Wizard:wizard-password")) {
            String out = runExpect(expect, "login-look-say.exp", List.of(Integer.toString(server.telnetPort), "Tess"));
            assertThat(out).contains("hello from a real telnet client");
        }
    }

    @Test
    void debianTelnetRunsJavaSnippetsAndTheConsole() throws Exception {
        Path expect = require("expect", "telnet");
        try (ServerProcess server = ServerProcess.start(data.resolve("server"), "Wizard:wizard-password")) {
            String out = runExpect(expect, "java-console.exp",
                    List.of(Integer.toString(server.telnetPort), "Wizard", "wizard-password"));
            assertThat(out).contains("line 1", "line 2", "line 3");
        }
    }

    @Test
    void onATerminalWithNoDeveloperTheServerAsksForOne() throws Exception {
        Path expect = require("expect");
        List<String> args = new ArrayList<>(List.of("Root", "root-password"));
        args.addAll(ServerProcess.command(data.resolve("server")));
        String out = runExpect(expect, "first-admin-terminal.exp", args);
        // The password was typed with echo off: it never appears on the terminal.
        assertThat(out).contains("Created Developer account 'Root'.").doesNotContain("root-password");
        try (ServerProcess server = ServerProcess.start(data.resolve("server"), null);
             TelnetTestClient c = new TelnetTestClient(server.telnetPort)) {
            assertThat(server.output()).doesNotContain("There is no Developer account");
            c.expect("Welcome to Cantrip");
            c.say("connect Root root-password", "Welcome, Root! (Developer)");
        }
    }

    /** Runs an expect script from the test resources; fails unless it ends with EXPECT-OK. */
    private String runExpect(Path expect, String script, List<String> args) throws Exception {
        Path file = data.resolve(script);
        try (var in = getClass().getResourceAsStream("/expect/" + script)) {
            Files.copy(in, file);
        }
        List<String> cmd = new ArrayList<>(List.of(expect.toString(), file.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("CANTRIP_ADMIN");
        Process p = pb.start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        boolean finished = p.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = output.get(30, TimeUnit.SECONDS);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        assertThat(finished).as("expect finished; output:\n%s", out).isTrue();
        assertThat(p.exitValue()).as("expect's exit code; output:\n%s", out).isZero();
        assertThat(out).contains("EXPECT-OK").doesNotContain("EXPECT-FAILED");
        return out;
    }

    /** The path of expect, or a loud skip when any of {@code commands} is missing. */
    private static Path require(String... commands) {
        List<String> missing = new ArrayList<>();
        for (String c : commands) {
            if (onPath(c).isEmpty()) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            String why = "SKIPPED LOUDLY: this real-client test needs Debian's " + String.join(" and ", commands)
                    + " on PATH (missing: " + String.join(", ", missing) + "). scripts/test installs them when"
                    + " run as root.";
            System.err.println("\n*** " + why + " ***\n");
            Assumptions.abort(why);
        }
        return onPath("expect").orElseThrow();
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
