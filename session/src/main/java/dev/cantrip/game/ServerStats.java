package dev.cantrip.game;

import dev.cantrip.loop.LagStats;
import dev.cantrip.tasks.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server is doing, over the last minute where a figure is a rate or a percentile: what
 * {@code @stats} shows and the log records once a minute when the game is not idle.
 *
 * @param loopLag time from an event's arrival to the loop starting it
 * @param outputHeld time from a step's end until its output was released, every change made up to
 *     then being durable (nobody is told of a change before it is saved)
 * @param sessions connections open (logged in or not)
 * @param commandsPerSecond lines run as commands, per second over the last minute
 * @param pendingTasks active tasks by kind
 * @param jshells the Java engines' JShell instances, if the {@code java} command is set up
 * @param heapUsedBytes heap in use now
 * @param heapMaxBytes the most heap the JVM may use
 */
public record ServerStats(LagStats loopLag, LagStats outputHeld, int sessions, double commandsPerSecond, Map<TaskKind, Integer> pendingTasks,
                          Optional<JShells> jshells, long heapUsedBytes, long heapMaxBytes) {

    public ServerStats {
        Objects.requireNonNull(loopLag, "loopLag");
        Objects.requireNonNull(outputHeld, "outputHeld");
        pendingTasks = Map.copyOf(pendingTasks);
        Objects.requireNonNull(jshells, "jshells");
    }

    /**
     * @param open instances held by sessions (and by accounts rebuilding persistent tasks)
     * @param pooled warm instances waiting to be taken
     */
    public record JShells(int open, int pooled) {}

    /** Whether nothing happened in the last minute and nothing waits: no commands, sessions or tasks. */
    public boolean idle() {
        return sessions == 0 && commandsPerSecond == 0 && pendingTasks.values().stream().allMatch(n -> n == 0);
    }

    /** The figures as lines of text. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "Loop lag (last minute): p50 %s, p99 %s, max %s over %,d events",
                millis(loopLag.p50Nanos()), millis(loopLag.p99Nanos()), millis(loopLag.maxNanos()), loopLag.samples()));
        out.add(String.format(Locale.ROOT, "Output held until saved (last minute): p50 %s, p99 %s, max %s over %,d steps",
                millis(outputHeld.p50Nanos()), millis(outputHeld.p99Nanos()), millis(outputHeld.maxNanos()),
                outputHeld.samples()));
        out.add(String.format(Locale.ROOT, "Sessions: %,d; commands: %.1f/s (last minute)", sessions, commandsPerSecond));
        StringBuilder tasks = new StringBuilder("Tasks pending:");
        for (TaskKind k : TaskKind.values()) {
            tasks.append(String.format(Locale.ROOT, " %,d %s,", pendingTasks.getOrDefault(k, 0), k.word()));
        }
        tasks.setLength(tasks.length() - 1);
        out.add(tasks.toString());
        jshells.ifPresent(j -> out.add(String.format(Locale.ROOT, "JShell instances: %,d open, %,d pooled", j.open(),
                j.pooled())));
        out.add(String.format(Locale.ROOT, "Heap: %,d MiB used of %,d MiB", heapUsedBytes >> 20, heapMaxBytes >> 20));
        return out;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }
}
