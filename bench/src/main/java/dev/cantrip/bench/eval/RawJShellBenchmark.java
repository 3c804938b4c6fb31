package dev.cantrip.bench.eval;


import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
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
 * JShell alone, none of Cantrip: {@code eval} of a snippet in one local-execution instance, with
 * the value dropped afterwards as the engine does. One instance for the whole run, so this shows
 * what JShell costs as it keeps evaluating (it slows down: every compiled class is kept), which
 * the engine avoids by moving a session's state to a fresh instance every few hundred snippets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 10)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class RawJShellBenchmark {

    @Param({"1 + 1", "class Point { int x, y; }"})
    public String code;

    private JShell shell;

    @Setup(Level.Trial)
    public void start() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        shell = JShell.builder().executionEngine("local").build();
        Thread.currentThread().setContextClassLoader(before);
    }

    @TearDown(Level.Trial)
    public void stop() {
        shell.close();
    }

    @Benchmark
    public Object eval() {
        List<SnippetEvent> events = shell.eval(code);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && e.snippet().kind() != jdk.jshell.Snippet.Kind.TYPE_DECL) {
                shell.drop(e.snippet());
            }
        }
        return events;
    }
}
