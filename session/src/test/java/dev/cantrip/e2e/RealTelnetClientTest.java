package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client no one here wrote: Debian's telnet, driven by expect, logs in, looks, talks and walks.
 * Where telnet or expect is missing, the test is skipped and says so loudly.
 */
class RealTelnetClientTest {

    @TempDir
    Path data;

    @Test
    void debianTelnetLogsInLooksAndSays() throws Exception {
        Optional<Path> expect = onPath("expect");
        Optional<Path> telnet = onPath("telnet");
        if (expect.isEmpty() || telnet.isEmpty()) {
            String why = "SKIPPED LOUDLY: the real-telnet-client test needs Debian's 'telnet' and 'expect' on PATH"
                    + " (missing: " + (expect.isEmpty() ? "expect " : "") + (telnet.isEmpty() ? "telnet" : "")
                    + "). scripts/test installs them when run as root.";
            System.err.println("\n*** " + why + " ***\n");
            Assumptions.abort(why);
        }
        Path script = data.resolve("login-look-say.exp");
        try (var in = getClass().getResourceAsStream("/expect/login-look-say.exp")) {
            Files.copy(in, script);
        }
        try (ServerProcess server = ServerProcess.start(data.resolve("server"), "Wizard:wizard-password")) {
            Process p = new ProcessBuilder(expect.get().toString(), script.toString(),
                    Integer.toString(server.telnetPort), "Tess")
                    .redirectErrorStream(true).start();
            boolean finished = p.waitFor(90, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                p.destroyForcibly();
            }
            assertThat(finished).as("expect finished; output:\n%s", out).isTrue();
            assertThat(p.exitValue()).as("expect's exit code; output:\n%s", out).isZero();
            assertThat(out).contains("EXPECT-OK").contains("hello from a real telnet client")
                    .doesNotContain("EXPECT-FAILED");
        }
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
