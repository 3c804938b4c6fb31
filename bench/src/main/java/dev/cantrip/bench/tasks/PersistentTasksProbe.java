package dev.cantrip.bench.tasks;

import dev.cantrip.account.Role;
import dev.cantrip.bench.BenchGame;
import dev.cantrip.scripting.JavaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * How many persistent tasks per second become durable, end to end through snippets on the real
 * game and its H2 database on disk ({@code persist()} returns only once its write is on disk):
 * {@code sessions} staff each persisting {@code each} delays at once, so that their writes share
 * commits (target at least 20,000/s); the same with one {@code persistAll} per session; and one
 * session alone, one commit per task.
 *
 * <p>A program, not JMH: what is timed is inside the snippets, on one clock for all sessions (from
 * the first one's start to the last one's end), so that the compile of each session's call is not
 * in the figure; JMH would time each session's command around it. The restart with persistent
 * tasks pending is {@link RestartBenchmark}.
 *
 * <p>Usage: {@code PersistentTasksProbe [sessions] [each]} (defaults 20 and 250).
 */
public final class PersistentTasksProbe {

    private static final Duration WAIT = Duration.ofMinutes(5);

    private PersistentTasksProbe() {}

    /**
     * Has every client type {@code line} at once and returns the seconds from the earliest start to
     * the latest end their snippets report ("persisted all START END").
     */
    private static double span(List<BenchGame.Client> clients, String line) throws TimeoutException {
        for (BenchGame.Client c : clients) {
            c.type(line);
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (BenchGame.Client c : clients) {
            String[] words = c.awaitLine("persisted all", WAIT).trim().split(" ");
            first = Math.min(first, Long.parseLong(words[words.length - 2]));
            last = Math.max(last, Long.parseLong(words[words.length - 1]));
        }
        return (last - first) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int each = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        JavaSettings settings = new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 2, null, 10_000, 2,
                JavaSettings.defaultAsyncWorkers());
        try (BenchGame game = new BenchGame(settings, null, false)) {
            List<BenchGame.Client> staff = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                BenchGame.Client c = game.login("Staff" + i, Role.DEVELOPER);
                c.run("java 1 + 1", "==> 2", WAIT); // each session's JShell is open before the clock starts
                staff.add(c);
            }
            // Each session declares the two ways of persisting as methods first, so that what is timed
            // is a call (a short compile) and not the compile of the loop. Each call reports when its
            // persisting began and ended (the JVM's nanoTime, one clock for all): the span from the
            // first start to the last end is the time they took together.
            for (BenchGame.Client c : staff) {
                c.run("java/noecho void persistMany(int n) { long t0 = System.nanoTime(); for (int i = 0; i < n; i++)"
                        + " delay(3600 + i, () -> { }).persist(); self.msg(\"persisted all \" + t0 + \" \" + System.nanoTime()); }",
                        "created method persistMany", WAIT);
                c.run("java/noecho void persistBatch(int n) { var ts = new ArrayList<Task>(); long t0 = System.nanoTime();"
                        + " for (int i = 0; i < n; i++) ts.add(delay(3600 + i, () -> { })); persistAll(ts);"
                        + " self.msg(\"persisted all \" + t0 + \" \" + System.nanoTime()); }", "created method persistBatch", WAIT);
            }
            String persistMany = "java/noecho persistMany(" + each + ")";
            String persistAllAtOnce = "java/noecho persistBatch(" + each + ")";
            // Warm-up: the first persist of a JVM reads and parses more than the later ones.
            staff.getFirst().run("java/noecho for (int i = 0; i < 50; i++) delay(3600, () -> { }).persist();"
                    + " self.msg(\"warm\")", "warm", WAIT);
            double together = span(staff, persistMany);
            System.out.printf(Locale.ROOT, "persist: %d sessions each persisting %d delays at once: %,.0f durable tasks/s"
                    + " (%,d in %.2f s; target >= 20,000/s)%n", sessions, each, sessions * each / together, sessions * each,
                    together);
            double batched = span(staff, persistAllAtOnce);
            System.out.printf(Locale.ROOT, "persist: %d sessions each scheduling %d delays and making them persistent with"
                    + " one persistAll, at once: %,.0f durable tasks/s (%,d in %.2f s)%n", sessions, each,
                    sessions * each / batched, sessions * each, batched);
            double alone = span(staff.subList(0, 1), persistMany);
            System.out.printf(Locale.ROOT, "persist: one session alone, %d delays one after another: %,.0f durable"
                    + " tasks/s (%.2f ms a task: a commit each)%n", each, each / alone, alone * 1000 / each);
        }
    }
}
