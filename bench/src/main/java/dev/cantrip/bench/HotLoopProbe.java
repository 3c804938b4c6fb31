package dev.cantrip.bench;

import dev.cantrip.repl.EngineConfig;
import dev.cantrip.repl.Evaluation;
import dev.cantrip.repl.OutcomeText;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.ReplSession;
import dev.cantrip.repl.SnippetRunner;
import dev.cantrip.sandbox.Tier;
import dev.cantrip.scripting.JavaTiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An instrumented hot loop against the same loop compiled as plain host code: the snippet's
 * method runs with every check the sandbox adds (backward branches, method entry, time slices
 * taken in turns with a "loop" thread, as in the game), timed by the engine's run time (compile
 * excluded); the plain one is timed around the call. Target: the instrumented loop runs at least
 * 0.5x as fast. Medians of {@code reps} after as many warm-up runs.
 *
 * <p>Usage: {@code HotLoopProbe [iterations] [reps]} (defaults 200,000,000 and 15).
 */
public final class HotLoopProbe {

    private static final String HOT = "long hot(int n) { long s = 0; for (int i = 0; i < n; i++) { s += (i ^ (s >>> 3)) % 7; }"
            + " return s; }";

    private HotLoopProbe() {}

    /** The same source as {@link #HOT}, compiled with the host. */
    static long hot(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += (i ^ (s >>> 3)) % 7;
        }
        return s;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Tier tier = JavaTiers.load(JavaTiers.DEVELOPER, null);
        ExecutorService loop = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("probe-loop").factory());
        try (ReplEngine engine = ReplEngine.start(EngineConfig.builder().poolSize(0).gate(tier.gate())
                .budget(tier.budget().withCpu(Duration.ofMinutes(5)).withWall(Duration.ofMinutes(5))).build())) {
            ReplSession s = engine.open("probe", Map.of(), line -> { });
            SnippetRunner runner = SnippetRunner.inSlices(loop, thread -> { }, Duration.ofMinutes(5));
            s.evaluate(HOT, runner, o -> { }).get();
            List<Double> instrumented = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            long expected = hot(n);
            for (int r = 0; r < 2 * reps; r++) {
                Evaluation e = s.evaluate("hot(" + n + ")", runner, o -> { }).get();
                String shown = OutcomeText.lines(e.outcomes().getFirst()).getFirst();
                if (!shown.equals("==> " + expected)) {
                    throw new IllegalStateException("the snippet computed " + shown + ", expected " + expected);
                }
                long t0 = System.nanoTime();
                long v = hot(n);
                long plainNanos = System.nanoTime() - t0;
                if (v != expected) {
                    throw new IllegalStateException("plain loop changed its mind");
                }
                if (r >= reps) {
                    instrumented.add(e.runTime().toNanos() / 1e6);
                    plain.add(plainNanos / 1e6);
                }
            }
            double i = median(instrumented);
            double p = median(plain);
            System.out.printf(Locale.ROOT, "hot loop of %,d iterations, median of %d runs:%n", n, reps);
            System.out.printf(Locale.ROOT, "  plain host code:       %8.1f ms%n", p);
            System.out.printf(Locale.ROOT, "  instrumented snippet:  %8.1f ms  (run time, in slices)%n", i);
            System.out.printf(Locale.ROOT, "  instrumented speed:    %8.2fx plain (target >= 0.5x)%n", p / i);
        } finally {
            loop.shutdownNow();
        }
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
