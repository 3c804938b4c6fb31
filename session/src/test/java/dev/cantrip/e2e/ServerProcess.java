package dev.cantrip.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Cantrip server in its own JVM, started the way scripts/run starts it (same main class,
 * same JVM options file), on free loopback ports and a data directory of the test's.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern TELNET = Pattern.compile("telnet listening on [^:]+:(\\d+)");
    private static final Pattern WEB = Pattern.compile("web listening on http://[^:]+:(\\d+)/");

    final Process process;
    final int telnetPort;
    final int webPort;
    private final StringBuffer output;
    private final Thread reader;

    private ServerProcess(Process process, int telnetPort, int webPort, StringBuffer output, Thread reader) {
        this.process = process;
        this.reader = reader;
        this.telnetPort = telnetPort;
        this.webPort = webPort;
        this.output = output;
    }

    /** What a server that was expected not to start printed, and its exit code. */
    record Failed(int exitCode, String output) {}

    /** Runs a server that should refuse to start; waits for it to exit. */
    static Failed startExpectingFailure(Path dataDir, String adminSpec) throws IOException, InterruptedException {
        Process p = builder(dataDir, adminSpec, List.of()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("server expected to fail kept running:\n" + out);
        }
        return new Failed(p.exitValue(), out);
    }

    /** Starts a server on {@code dataDir} with a Developer account from CANTRIP_ADMIN (null: none). */
    static ServerProcess start(Path dataDir, String adminSpec) throws IOException, InterruptedException {
        return start(dataDir, adminSpec, List.of());
    }

    /**
     * {@link #start(Path, String)} with extra JVM options before the main class (a smaller heap,
     * say), after those of scripts/lib/jvm.options.
     */
    static ServerProcess start(Path dataDir, String adminSpec, List<String> jvmOptions)
            throws IOException, InterruptedException {
        Process p = builder(dataDir, adminSpec, jvmOptions).start();
        StringBuffer out = new StringBuffer();
        CompletableFuture<int[]> ports = new CompletableFuture<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            int telnet = -1;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    Matcher t = TELNET.matcher(line);
                    if (t.find()) {
                        telnet = Integer.parseInt(t.group(1));
                    }
                    Matcher w = WEB.matcher(line);
                    if (w.find()) {
                        ports.complete(new int[] {telnet, Integer.parseInt(w.group(1))});
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
            ports.completeExceptionally(new IllegalStateException("server exited before listening:\n" + out));
        });
        reader.setName("server-output");
        try {
            int[] both = ports.get(60, TimeUnit.SECONDS);
            return new ServerProcess(p, both[0], both[1], out, reader);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("server did not start: " + e.getMessage() + "\n" + out, e);
        }
    }

    private static ProcessBuilder builder(Path dataDir, String adminSpec, List<String> jvmOptions) {
        ProcessBuilder pb = new ProcessBuilder(command(dataDir, jvmOptions)).redirectErrorStream(true);
        pb.environment().remove("CANTRIP_ADMIN");
        if (adminSpec != null) {
            pb.environment().put("CANTRIP_ADMIN", adminSpec);
        }
        return pb;
    }

    /** The command line that starts a server on free loopback ports with {@code dataDir}. */
    static List<String> command(Path dataDir) {
        return command(dataDir, List.of());
    }

    private static List<String> command(Path dataDir, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        Path options = Path.of("..", "scripts", "lib", "jvm.options");
        if (Files.isRegularFile(options)) {
            cmd.add("@" + options.toAbsolutePath());
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cantrip.server.Main",
                "--telnet-port", "0", "--web-port", "0", "--bind", "127.0.0.1", "--data", dataDir.toString()));
        return cmd;
    }

    /** Everything the process printed so far. */
    String output() {
        return output.toString();
    }

    /** kill -9: no shutdown hook, no flush. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(5_000);
    }

    /** SIGTERM, as Ctrl-C or a service manager would send; waits for the exit. */
    int terminate() throws InterruptedException {
        // Through the handle: Process.destroy() would also close our end of the output pipe, and
        // what the server prints while stopping would be lost.
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not stop within 60 s of SIGTERM");
        }
        reader.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
