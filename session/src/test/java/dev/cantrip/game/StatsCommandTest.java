package dev.cantrip.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.account.Role;
import dev.cantrip.loop.LagStats;
import dev.cantrip.scripting.JavaSettings;
import dev.cantrip.tasks.TaskKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @stats} in a real game: the figures Developers see, and who may see them. */
class StatsCommandTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;
    GameHarness.Client pat;

    @BeforeEach
    void start() {
        h = new GameHarness(dir, new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 1, null));
        GameHarness.Client[] both = h.devAndPat();
        dev = both[0];
        pat = both[1];
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void developersSeeLagSessionsCommandsTasksJShellsAndHeap() {
        dev.say("java delay(600, () -> { })", "==> Task #1 (delay)");
        String out = dev.say("@stats", "Heap: ");
        assertThat(out).containsPattern("Loop lag \\(last minute\\): p50 \\d+\\.\\d\\d ms, p99 \\d+\\.\\d\\d ms, max \\d+\\.\\d\\d ms"
                + " over [\\d,]+ events");
        assertThat(out).containsPattern("Output held until saved \\(last minute\\): p50 \\d+\\.\\d\\d ms, p99 \\d+\\.\\d\\d ms,"
                + " max \\d+\\.\\d\\d ms over [1-9][\\d,]* steps");
        assertThat(out).contains("Sessions: 2;");
        assertThat(out).containsPattern("commands: \\d+\\.\\d/s");
        assertThat(out).contains("Tasks pending: 1 delay, 0 async, 0 interactive");
        assertThat(out).containsPattern("JShell instances: [1-9]\\d* open, \\d+ pooled");
        assertThat(out).containsPattern("Heap: [\\d,]+ MiB used of [\\d,]+ MiB");
    }

    @Test
    void playersCannotUseIt() {
        assertThat(pat.say("@stats", "Huh?")).doesNotContain("Loop lag");
    }

    @Test
    void aGameWithNothingGoingOnIsIdle() {
        Map<TaskKind, Integer> none = Map.of(TaskKind.DELAY, 0, TaskKind.ASYNC, 0, TaskKind.INTERACTIVE, 0);
        ServerStats quiet = new ServerStats(new LagStats(0, 0, 0, 0), new LagStats(0, 0, 0, 0), 0, 0, none, Optional.empty(), 1, 2);
        assertThat(quiet.idle()).isTrue();
        assertThat(new ServerStats(new LagStats(0, 0, 0, 0), new LagStats(0, 0, 0, 0), 0, 0.1, none, Optional.empty(), 1, 2).idle()).isFalse();
        assertThat(new ServerStats(new LagStats(0, 0, 0, 0), new LagStats(0, 0, 0, 0), 0, 0, Map.of(TaskKind.DELAY, 3), Optional.empty(), 1, 2)
                .idle()).isFalse();
    }

    @Test
    void theCommandRateIsPerSecondOverTheLastMinute() {
        long second = 1_000_000_000L;
        long t0 = 5_000 * second;
        RateWindow r = new RateWindow();
        for (int i = 0; i < 120; i++) {
            r.count(t0 + i * 250_000_000L); // 120 commands over 30 seconds
        }
        assertThat(r.perSecond(t0 + 30 * second)).isEqualTo(2.0);
        assertThat(r.perSecond(t0 + 74 * second)).isEqualTo(1.0); // its first 15 seconds have left the minute
        assertThat(r.perSecond(t0 + 100 * second)).isZero();
    }
}
