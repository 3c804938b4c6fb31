package dev.cantrip.bench.sandbox;

import dev.cantrip.bench.BenchGame;
import dev.cantrip.bench.Measures;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import dev.cantrip.scripting.JavaTiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runaway snippet in the real game: how long after its budget it is stopped, and how a player's
 * {@code look} fares meanwhile. A Developer runs {@code java/time while (true) { }} again and again
 * under a tier whose wall budget is 500 ms (CPU budget out of the way); the run time the engine
 * reports minus 500 ms is how late the stop came (target: at most 50 ms). A player types
 * {@code look} back to back the whole time; its latencies are compared with the same player's
 * alone (target: p99 at most 10 ms).
 *
 * <p>Usage: {@code RunawayProbe [runaways] [looks alone]} (defaults 20 and 2,000).
 */
public final class RunawayProbe {

    private static final Pattern RUN = Pattern.compile("run ([0-9.]+) ms");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private RunawayProbe() {}

    public static void main(String[] args) throws Exception {
        int runaways = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int alone = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Path tiers = Files.createTempDirectory("cantrip-tiers");
        try (var in = JavaTiers.class.getResourceAsStream("tiers/developer.policy")) {
            Files.writeString(tiers.resolve("developer.policy"), new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    + "\nbudget wall 500ms\nbudget cpu 60s\n");
        }
        try (BenchGame game = new BenchGame(new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 2, tiers))) {
            BenchGame.Client player = game.login("Player", Role.PLAYER);
            BenchGame.Client staff = game.login("Staff", Role.DEVELOPER);
            game.awaitWarmPool(2, WAIT);
            staff.run("java 1 + 1", "==> 2", WAIT);
            for (int i = 0; i < 500; i++) {
                player.run("look", "Exits:", WAIT); // warm up
            }
            List<Double> quiet = new ArrayList<>();
            for (int i = 0; i < alone; i++) {
                quiet.add(player.timed("look", "Exits:", WAIT));
            }

            List<Double> lates = new ArrayList<>();
            List<Double> busy = new ArrayList<>();
            for (int r = 0; r < runaways; r++) {
                staff.type("java/time while (true) { }");
                // Stopped by a flag, not an interrupt: a look cut off mid-wait would leave its answer
                // queued, and every later look would return at once with the one before it.
                java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
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
                staff.await("Stopped: it ran longer than 0.5 s", WAIT);
                String timing = staff.awaitLine("[compile", WAIT);
                running.set(false);
                lookers.join();
                Matcher m = RUN.matcher(timing);
                if (!m.find()) {
                    throw new IllegalStateException("no run time in " + timing);
                }
                lates.add(Double.parseDouble(m.group(1)) - 500);
            }
            System.out.printf(Locale.ROOT, "runaway stopped after its 500 ms wall budget, %d runs: late by median %.1f ms,"
                    + " max %.1f ms (target <= 50 ms)%n", runaways, Measures.pct(lates, 50), Measures.pct(lates, 100));
            System.out.printf(Locale.ROOT, "look alone (%d):              p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    quiet.size(), Measures.pct(quiet, 50), Measures.pct(quiet, 99), Measures.pct(quiet, 100));
            System.out.printf(Locale.ROOT, "look during a runaway (%d):   p50 %.2f ms, p99 %.2f ms, max %.2f ms"
                    + " (target p99 <= 10 ms)%n", busy.size(), Measures.pct(busy, 50), Measures.pct(busy, 99), Measures.pct(busy, 100));
        }
    }


}
