package dev.cantrip.bench.eval;

import dev.cantrip.bench.BenchGame;
import dev.cantrip.bench.Measures;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the heap a session's Java state costs, and that idle eviction gives it back: logs in
 * N Developers, measures the heap after a full collection, has each declare a variable and a
 * method and call it, measures again, then waits for idle eviction and measures a third time.
 *
 * <p>Usage: {@code JavaMemoryProbe [sessions] [idleSeconds]} (defaults 100 and 20). Run by
 * {@code scripts/bench}.
 */
public final class JavaMemoryProbe {

    private JavaMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Duration idle = Duration.ofSeconds(idleSeconds);
        Duration wait = Duration.ofSeconds(120);
        try (BenchGame game = new BenchGame(new JavaSettings(Role.DEVELOPER, idle, 2, null))) {
            List<BenchGame.Client> devs = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                devs.add(game.login("Dev" + i, Role.DEVELOPER));
            }
            game.awaitWarmPool(2, wait);
            long before = Measures.settledHeap();
            for (BenchGame.Client d : devs) {
                d.run("java int visits = 1; String greet(GameObject o) { return \"hi \" + o.key(); }; greet(self)",
                        "==> \"hi ", wait);
            }
            game.awaitWarmPool(2, wait);
            long with = Measures.settledHeap();
            System.out.printf(Locale.ROOT, "sessions: %d%n", sessions);
            System.out.printf(Locale.ROOT, "heap, %d logged-in sessions, no Java state: %.1f MB%n", sessions, mb(before));
            System.out.printf(Locale.ROOT, "heap, each with Java state:              %.1f MB%n", mb(with));
            System.out.printf(Locale.ROOT, "heap per session with Java state:        %.2f MB%n",
                    mb(with - before) / sessions);
            long deadline = System.nanoTime() + idle.plusSeconds(60).toNanos();
            while (game.java().stats().sessions() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            game.awaitWarmPool(2, wait);
            long after = Measures.settledHeap();
            System.out.printf(Locale.ROOT, "Java sessions left after idle eviction:  %d%n", game.java().stats().sessions());
            System.out.printf(Locale.ROOT, "heap after eviction:                     %.1f MB (%+.1f MB from before)%n",
                    mb(after), mb(after - before));
        }
        System.exit(0);
    }


    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
