package dev.cantrip.bench.sandbox;


import dev.cantrip.repl.ClassGate;
import dev.cantrip.repl.ClassLookup;
import dev.cantrip.repl.ClassRejectedException;
import dev.cantrip.repl.EngineConfig;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.ReplSession;
import dev.cantrip.repl.SnippetRewriting;
import dev.cantrip.repl.SnippetRunner;
import dev.cantrip.sandbox.Tier;
import dev.cantrip.scripting.JavaTiers;
import dev.cantrip.world.GameObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the sandbox adds to loading a typical snippet: the developer tier's verification (with its
 * guard rewriting) and the engine's instrumentation, each over every class the snippet's
 * evaluation defines, captured from a real evaluation. The target is that both together add at
 * most 1 ms to an evaluation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class SandboxCostBenchmark {

    /** Typical snippets: a method declaration, a stream with a lambda, a loop that prints. */
    public enum Snippet {
        METHOD("String greet(GameObject o) { return \"Hi \" + o.key() + \"!\"; }"),
        STREAM("self.contents().stream().map(o -> o.key()).filter(k -> k.length() > 2).sorted().toList()"),
        LOOP("for (int i = 0; i < 10; i++) { if (i % 2 == 0) System.out.println(\"line \" + i); }");

        final String source;

        Snippet(String source) {
            this.source = source;
        }
    }

    @Param
    public Snippet snippet;

    private final Map<String, byte[]> classes = new LinkedHashMap<>();
    private ClassGate verifier;
    private ClassLookup lookup;

    @Setup
    public void capture() throws Exception {
        Tier tier = JavaTiers.load(JavaTiers.DEVELOPER, null);
        verifier = tier.gate();
        Map<String, byte[]> captured = new LinkedHashMap<>();
        boolean[] recording = new boolean[1];
        ClassGate recorder = (name, bytes, l) -> {
            if (recording[0]) {
                captured.put(name, bytes);
            }
            return bytes;
        };
        try (ReplEngine engine = ReplEngine.start(EngineConfig.builder().poolSize(0).gate(recorder)
                .binding("self", GameObject.class).startup("import java.util.*;")
                .startup("import dev.cantrip.world.GameObject;").build())) {
            ReplSession s = engine.open("bench", Map.of("self", () -> null), line -> { });
            recording[0] = true;
            s.evaluate(snippet.source, SnippetRunner.direct(), o -> { }).get();
        }
        if (captured.isEmpty()) {
            throw new IllegalStateException("no class captured for " + snippet);
        }
        classes.putAll(captured);
        lookup = ClassLookup.of(classes, getClass().getClassLoader());
        verify(); // refused snippets would measure nothing
    }

    @Benchmark
    public int verify() throws ClassRejectedException {
        int n = 0;
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            n += verifier.admit(c.getKey(), c.getValue(), lookup).length;
        }
        return n;
    }

    @Benchmark
    public int instrument() {
        int n = 0;
        for (byte[] c : classes.values()) {
            n += SnippetRewriting.rewrite(c, classes, getClass().getClassLoader()).length;
        }
        return n;
    }

    /** The classes a snippet's evaluation defined (for the record). */
    public List<String> classNames() {
        return List.copyOf(classes.keySet());
    }
}
