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

/** {@code delay} from snippets and the {@code tasks} command, in a real game through in-memory clients. */
class DelayTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;
    GameHarness.Client pat;

    @BeforeEach
    void start() {
        h = new GameHarness(dir, new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 1, null, 20, 2, 1));
        GameHarness.Client[] both = h.devAndPat();
        dev = both[0];
        pat = both[1];
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aDelayedCallbackRunsLaterWithItsArgumentWhileThePlayerGoesOn() {
        dev.say("java delay(1, who -> who.msg(\"Test!\"), self)", "==> Task #1 (delay)");
        // The player is not held up: the next command answers before the callback runs.
        String before = dev.say("look", "Exits:");
        assertThat(before).doesNotContain("Test!");
        dev.expect("Test!");
    }

    @Test
    void theCallbackTypeChecksAgainstTheArgumentsRealType() {
        dev.say("java delay(1, (who, where) -> who.msg(\"in \" + where.key()), self, here)", "==> Task #1");
        dev.expect("in Limbo");
        dev.say("java delay(0, who -> who.nosuch(), self)", "cannot find symbol");
    }

    @Test
    void tasksListsCancelsPausesAndRunsNow() {
        dev.say("java var t = delay(Duration.ofMinutes(5), () -> here.msg(\"The bell rings.\"))", "t ==> Task #1");
        String listed = dev.say("tasks", "1 task.");
        assertThat(listed).containsPattern("#1  delay  until reload  due in 4m 5\\ds  var t = delay\\(Duration.ofMinutes\\(5\\)");
        dev.say("tasks/pause 1", "Task #1 paused with 4m");
        dev.say("java t.paused()", "==> true");
        dev.say("tasks", "paused (4m");
        dev.say("tasks/resume #1", "Task #1 resumed: due in 4m");
        dev.say("tasks/now 1", "Task #1 ran now.");
        dev.expect("The bell rings.");
        dev.say("tasks", "You have no tasks pending.");
        dev.say("java delay(60, () -> self.msg(\"never\"))", "==> Task #2");
        dev.say("java tasks().get(0).cancel()", "==> true");
        dev.say("tasks/cancel 2", "You have no task #2 (it may have run already)");
        dev.say("tasks/cancel two", "Give the task's number");
    }

    @Test
    void playersSeeOnlyTheirOwnTasksAndAdminsSeeAll() {
        dev.say("java delay(60, () -> self.msg(\"x\"))", "==> Task #1");
        pat.say("tasks", "You have no tasks pending.");
        pat.say("tasks/cancel 1", "You have no task #1");
        pat.say("tasks/all", "Only Admins may list everyone's tasks");
        dev.say("tasks/all", "#1  delay  Dev  until reload");
        // An Admin may act on anyone's.
        h.account("Ada", "ada-password", Role.ADMIN);
        GameHarness.Client ada = h.connect();
        ada.loginAs("Ada", "ada-password");
        ada.say("tasks/pause 1", "Task #1 (Dev's) paused with");
        ada.say("tasks/cancel 1", "Task #1 (Dev's) cancelled.");
        dev.say("tasks", "You have no tasks pending.");
    }

    @Test
    void aCallbackThatThrowsTellsItsOwnerTheErrorAndTheLine() {
        String told = dev.sayBoth("java delay(0, () -> { throw new IllegalStateException(\"the lamp is out\"); })",
                "==> Task #1", "java.lang.IllegalStateException: the lamp is out");
        assertThat(told).contains("Your task #1 (delay) threw:");
    }

    @Test
    void aRunawayCallbackIsStoppedWithinItsOwnersBudgetAndOthersAreAnswered() {
        dev.say("java delay(0, () -> { while (true) { } })", "==> Task #1");
        pat.say("look", "Exits:"); // answered while the callback spins, between its time slices
        // At its CPU budget, or at its wall budget on a loaded machine, where a spin gets less CPU.
        assertThat(dev.expect("Your task #1 (delay) was stopped: it ")).containsPattern(
                "was stopped: it (used 2.0 s of CPU time \\(its budget is 2 s\\)|ran longer than 5 s)\\.");
        dev.say("java 6 * 7", "==> 42");
    }

    @Test
    void aBurstOfDueCallbacksTakesTurnsAFewAtATimeAndNoneIsChargedForWaiting() {
        // Twenty callbacks of about 0.3 s of CPU each, all due at once: run all together, the last would wait
        // through the others' slices past its 5 s wall budget; a few at a time, each finishes.
        dev.say("java/noecho for (int i = 0; i < 20; i++) delay(0, () -> { long n = 0;"
                + " for (long k = 0; k < 50_000_000L; k++) { n += k ^ (n >>> 3); } self.msg(\"done\"); });", "done");
        pat.say("look", "Exits:"); // answered meanwhile
        StringBuilder seen = new StringBuilder("done\n");
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (seen.toString().split("done", -1).length - 1 < 20 && System.nanoTime() < end) {
            String line = dev.received.poll();
            if (line != null) {
                seen.append(line).append('\n');
            } else {
                Thread.onSpinWait();
            }
        }
        assertThat(seen.toString()).doesNotContain("was stopped");
        assertThat(seen.toString().split("done", -1).length - 1).as("callbacks done: %s", seen).isEqualTo(20);
    }

    @Test
    void anAccountMayHaveOnlySoManyTasksPending() {
        dev.say("java for (int i = 0; i < 20; i++) delay(60, () -> { });", ">>> for");
        dev.say("java delay(60, () -> { })", "IllegalStateException: you have 20 tasks pending, the most an account"
                + " may have (java.max-tasks)");
        dev.say("java delay(-1, () -> { })", "IllegalArgumentException: a time cannot be -1.0 seconds");
    }

    @Test
    void aReloadDropsTasksThatAreNotPersistentAndTellsTheirOwners() {
        dev.say("java delay(60, () -> self.msg(\"never\"))", "==> Task #1");
        assertThat(dev.say("@reload", "Reload complete."))
                .contains("Your task #1 was dropped: the game reloaded (only persistent tasks survive it).");
        dev.say("tasks", "You have no tasks pending.");
    }

    /** Dev quits, stays away two seconds (past a 1-second delay), and connects again; returns the new client. */
    private GameHarness.Client quitAndComeBack() {
        dev.say("quit", "Goodbye");
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        GameHarness.Client back = h.connect();
        back.expect("Welcome to Cantrip");
        back.type("connect Dev dev-password");
        return back;
    }

    @Test
    void aCallbackRunsAfterItsOwnerLeftAndTheyAreToldOfItsErrorWhenBack() {
        dev.say("java delay(1, () -> { throw new RuntimeException(\"while away\"); })", "==> Task #1");
        GameHarness.Client back = quitAndComeBack();
        back.expect("While you were away:");
        back.expect("java.lang.RuntimeException: while away");
    }

    @Test
    void aCallbackAfterItsOwnerLeftStillSeesTheirCharacterAsSelf() {
        dev.say("java delay(1, () -> self.setAttr(\"rang\", here.key()))", "==> Task #1");
        GameHarness.Client back = quitAndComeBack();
        back.expect("Limbo");
        // It ran with self and here as the character and where it was, not null: nothing was told.
        back.say("java self.attr(\"rang\")", "==> \"Limbo\"");
    }
}
