package dev.cantrip.bench.tasks;

import dev.cantrip.bench.BenchGame;
import dev.cantrip.bench.Measures;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code look} while two staff run CPU-heavy {@code runAsync} jobs of {@code seconds} each (target:
 * p99 at most 10 ms; Evennia's own caveat is that such work "will still block the server"). A
 * player types {@code look} back to back, first alone, then while the jobs run, until both have
 * reported. The jobs run on {@code workers} background threads: by default one fewer than the
 * processors (one on a 2-core machine: the second job waits for the first).
 *
 * <p>Usage: {@code AsyncLoadProbe [seconds] [workers] [looks alone]} (defaults 10, processors - 1, 2,000).
 */
public final class AsyncLoadProbe {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private AsyncLoadProbe() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : JavaSettings.defaultAsyncWorkers();
        int alone = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        JavaSettings settings = new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 2, null,
                JavaSettings.DEFAULT_MAX_TASKS, JavaSettings.DEFAULT_MAX_ASYNC_JOBS, workers);
        try (BenchGame game = new BenchGame(settings)) {
            BenchGame.Client player = game.login("Player", Role.PLAYER);
            BenchGame.Client ann = game.login("Ann", Role.DEVELOPER);
            BenchGame.Client bob = game.login("Bob", Role.DEVELOPER);
            game.awaitWarmPool(2, WAIT);
            ann.run("java 1 + 1", "==> 2", WAIT);
            bob.run("java 1 + 1", "==> 2", WAIT);
            for (int i = 0; i < 500; i++) {
                player.run("look", "Exits:", WAIT); // warm up
            }
            List<Double> quiet = new ArrayList<>();
            for (int i = 0; i < alone; i++) {
                quiet.add(player.timed("look", "Exits:", WAIT));
            }
            // noecho: "job done" must be matched in what the callback says, not in the echoed code.
            String job = "java/noecho runAsync(() -> { long end = System.nanoTime() + " + seconds + "_000_000_000L; long n = 0;"
                    + " while (System.nanoTime() < end) { n += n % 7 + 1; } return n; }, n -> self.msg(\"job done \" + n))";
            List<Double> busy = new ArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread lookers = Thread.ofPlatform().start(() -> {
                try {
                    while (running.get()) {
                        double ms = player.timed("look", "Exits:", WAIT);
                        synchronized (busy) {
                            busy.add(ms);
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("a look got no answer", e);
                }
            });
            long t0 = System.nanoTime();
            ann.type(job);
            bob.type(job);
            ann.await("job done", WAIT);
            bob.await("job done", WAIT);
            double took = (System.nanoTime() - t0) / 1e9;
            running.set(false);
            lookers.join();
            System.out.printf(Locale.ROOT, "two %d-second runAsync jobs on %d worker(s) ended after %.1f s%n", seconds,
                    workers, took);
            System.out.printf(Locale.ROOT, "look alone (%d):            p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    quiet.size(), Measures.pct(quiet, 50), Measures.pct(quiet, 99), Measures.pct(quiet, 100));
            System.out.printf(Locale.ROOT, "look during the jobs (%d):  p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                    + " (target p99 <= 10 ms)%n", busy.size(), Measures.pct(busy, 50), Measures.pct(busy, 99), Measures.pct(busy, 100));
        }
    }


}
