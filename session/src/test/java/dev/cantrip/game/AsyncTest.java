package dev.cantrip.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runAsync} from snippets, in a real game through in-memory clients. */
class AsyncTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;
    GameHarness.Client pat;

    @BeforeEach
    void start() throws Exception {
        // An operator's copy of the developer tier with a short background CPU budget, to test it quickly.
        Path tiers = GameHarness.developerTierWith(dir, "budget async-cpu 1s");
        h = new GameHarness(dir, new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 1, tiers, 100, 2, 1));
        GameHarness.Client[] both = h.devAndPat();
        dev = both[0];
        pat = both[1];
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void workRunsOffTheLoopAndItsResultComesBackToOnReturn() {
        dev.say("java long sumTo(long n) { long s = 0; for (long i = 1; i <= n; i++) s += i; return s; }",
                "created method sumTo(long)");
        dev.sayBoth("java runAsync(() -> sumTo(1_000_000), n -> self.msg(\"found \" + n))", "==> Task #1 (async)",
                "found 500000500000");
        dev.sayBoth("java runAsync(() -> { self.msg(\"from the worker\"); return 1; })", "==> Task #2 (async)",
                "from the worker");
    }

    @Test
    void workThatTouchesTheWorldIsToldToDoItInOnReturn() {
        String told = dev.sayBoth("java runAsync(() -> self.key())", "==> Task #1", "in its onReturn callback");
        assertThat(told).contains("Your task #1 (async) threw:", "WrongThreadException", "cannot read the key of");
    }

    @Test
    void onErrorGetsWhatTheWorkThrewAndWithoutItTheOwnerIsTold() {
        dev.sayBoth("java runAsync(() -> { throw new IllegalStateException(\"nope\"); }, v -> { },"
                + " e -> self.msg(\"failed: \" + e.getMessage()))", "==> Task #1", "failed: nope");
        String told = dev.sayBoth("java runAsync(() -> Integer.parseInt(\"twelve\"))", "==> Task #2",
                "java.lang.NumberFormatException: For input string: \"twelve\"");
        assertThat(told).contains("Your task #2 (async) threw:");
        dev.sayBoth("java runAsync(() -> 1, v -> { throw new RuntimeException(\"in onReturn\"); })", "==> Task #3",
                "Your task #3 (async) onReturn threw:");
    }

    @Test
    void anAccountMayRunOnlySoManyJobsAndTasksListsAndCancelsThem() {
        dev.say("java runAsync(() -> { long n = 0; while (true) { n++; } })", "==> Task #1");
        dev.say("java runAsync(() -> { long n = 0; while (true) { n++; } })", "==> Task #2");
        dev.say("java runAsync(() -> 1)", "IllegalStateException: you have 2 runAsync jobs running, the most an"
                + " account may have at once (java.max-async-jobs)");
        String listed = dev.say("tasks", "2 tasks.");
        assertThat(listed).contains("#1  async  until reload  running for", "#2  async");
        dev.say("tasks/pause 2", "Task #2 is running work: it can only be cancelled.");
        dev.say("tasks/cancel 2", "Task #2 cancelled.");
        // The first is stopped by its background CPU budget (1 s in this test's tier); the second,
        // cancelled, said nothing more.
        String stopped = dev.expect("Your task #1 (async) was stopped: it used 1");
        assertThat(stopped).doesNotContain("task #2");
        dev.sayBoth("java runAsync(() -> 7, n -> self.msg(\"again \" + n))", "==> Task #3", "again 7");
        pat.say("look", "Exits:");
    }
}
