package dev.cantrip.bench.eval;

import dev.cantrip.account.Role;
import dev.cantrip.bench.BenchGame;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Completion in a warm session, as staff meet it: {@code java /complete <code>} through the game's
 * input, answered with the candidates. The code ends at the cursor: a member of the bound
 * {@code self}, a static member of a JDK class, and a name the session declared. Sample time gives
 * the median and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class CompletionBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** What is completed, with a candidate its answer holds. */
    public enum Code {
        MEMBER_OF_SELF("self.ke", "self.key("),
        JDK_STATIC("String.valueO", "String.valueOf("),
        DECLARED_NAME("greetin", "greeting");

        final String code;
        final String candidate;

        Code(String code, String candidate) {
            this.code = code;
            this.candidate = candidate;
        }
    }

    @Param({"MEMBER_OF_SELF", "JDK_STATIC", "DECLARED_NAME"})
    public Code code;

    private BenchGame game;
    private BenchGame.Client dev;

    @Setup(Level.Trial)
    public void start() throws TimeoutException {
        game = BenchGame.withDefaults();
        dev = game.login("Bench", Role.DEVELOPER);
        dev.run("java String greeting = \"hello\"", "greeting ==> \"hello\"", WAIT);
        complete(); // a candidate that never comes would otherwise time every operation out
    }

    @TearDown(Level.Trial)
    public void stop() {
        game.close();
    }

    @Benchmark
    public void complete() throws TimeoutException {
        dev.run("java /complete " + code.code, code.candidate, WAIT);
    }
}
