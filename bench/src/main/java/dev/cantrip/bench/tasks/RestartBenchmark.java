package dev.cantrip.bench.tasks;

import dev.cantrip.account.Role;
import dev.cantrip.bench.BenchGame;
import dev.cantrip.scripting.JavaSettings;
import dev.cantrip.store.Change;
import dev.cantrip.store.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * A restart with {@code pending} persistent tasks in the database: from starting the game on it (the
 * Java engine started as the server starts it, the database read, every task decoded, checked and
 * rescheduled) to all of them pending. Target: at most 5 s for 100,000. A server restarts in a new
 * JVM, so each fork restarts once, cold: another JVM fills the database first. The tasks are copies
 * of one a snippet persisted, written to the database directly, due an hour on; a task's callback is
 * compiled again when it comes due, not at the restart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 5, jvmArgsAppend = {"-Xmx2g"})
public class RestartBenchmark {

    private static final Duration WAIT = Duration.ofMinutes(1);

    @Param({"100000"})
    public int pending;

    private final JavaSettings settings = JavaSettings.defaults();
    private Path dir;
    private BenchGame restarted;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = Files.createTempDirectory("cantrip-restart-bench");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path"), Fill.class.getName(), dir.toString(),
                Integer.toString(pending)).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("filling the database failed (see its output above)");
        }
    }

    /** Fills the database in {@code args[0]} with {@code args[1]} persistent tasks: run in a JVM of its own. */
    public static final class Fill {
        private Fill() {}

        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[0]);
            int pending = Integer.parseInt(args[1]);
            try (BenchGame game = new BenchGame(JavaSettings.defaults(), dir, true)) {
                BenchGame.Client dev = game.login("Bench", Role.DEVELOPER);
                dev.run("java/noecho delay(3600, () -> self.msg(\"due\")).persist(); self.msg(\"persisted\")", "persisted",
                        WAIT);
                Snapshot.TaskRow sample = game.store().load().tasks().getFirst();
                long now = System.currentTimeMillis();
                long last = 0;
                for (int i = 1; i < pending; i++) {
                    last = game.store().submit(new Change.TaskSaved(1_000_000L + i, sample.ownerId(),
                            now + 3_600_000 + i, null, null, sample.spec()));
                }
                game.store().whenDurable(last, last).get();
            }
        }
    }

    /** Starts the game on the database; returns once it is up, every task pending again. */
    @Benchmark
    public int restart() {
        restarted = new BenchGame(settings, dir, true);
        int n = restarted.loop().call(() -> restarted.game().tasks().pending()).join();
        if (n != pending) {
            throw new IllegalStateException(n + " tasks pending after the restart, expected " + pending);
        }
        return n;
    }

    @TearDown(Level.Iteration)
    public void stopGame() {
        if (restarted != null) {
            restarted.close();
            restarted = null;
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
