package dev.cantrip.bench.server;

import dev.cantrip.bench.load.TelnetLines;
import dev.cantrip.server.CantripServer;
import dev.cantrip.server.ConfigLoader;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A player's command over telnet on loopback, as a client meets it: the real server (its netty
 * pipeline, the game loop, the H2 database on disk) started in this JVM, a plain socket logged in
 * as a player, one line typed and the lines read back until its answer. Beside the same command
 * without the socket ({@code LookUnderJavaLoadBenchmark} with no one evaluating), this is what the
 * network path costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseG1GC"})
public class TelnetBenchmark {

    /** A command and the line that answers it. */
    public enum Command {
        LOOK("look", "Limbo"),
        SAY("say hello", "You say, \"hello\"");

        final String line;
        final String answer;

        Command(String line, String answer) {
            this.line = line;
            this.answer = answer;
        }
    }

    @Param({"LOOK", "SAY"})
    public Command command;

    private Path data;
    private CantripServer server;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final EmbeddedChannel lines = new EmbeddedChannel(new TelnetLines());
    private final byte[] buffer = new byte[16 * 1024];

    @Setup
    public void start() throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING); // a log line per login would go to the figures' terminal
        data = Files.createTempDirectory("cantrip-telnet-bench");
        server = CantripServer.start(ConfigLoader.load(List.of("--data", data.toString(), "--telnet-port", "0",
                "--web-port", "0")), null, null, new PrintStream(OutputStream.nullOutputStream()));
        try {
            socket = new Socket("127.0.0.1", server.telnetAddress().getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            type("create Telnetbench bench-password", "Welcome, Telnetbench!");
            type("say ready", "You say, \"ready\""); // everything the login showed has come before this line
            type(command.line, command.answer); // an answer that never comes fails here, not in every sample
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    @TearDown
    public void stop() throws IOException {
        if (socket != null) {
            socket.close();
        }
        lines.close();
        server.stop("the benchmark is over");
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public void command() throws IOException {
        type(command.line, command.answer);
    }

    /** Sends {@code line} and reads until a line that is {@code answer} or starts with it. */
    private void type(String line, String answer) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            for (Object l; (l = lines.readInbound()) != null; ) {
                if (((String) l).startsWith(answer)) {
                    return;
                }
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the server closed the connection waiting for '" + answer + "'");
            }
            lines.writeInbound(Unpooled.wrappedBuffer(buffer, 0, n));
        }
    }
}
