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

/**
 * Persistent tasks in a real game with a real database: kept across reloads and restarts (rebuilt
 * from their source), fired once, their pause and cancel kept, broken ones listed.
 */
class PersistentTaskTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;

    @BeforeEach
    void start() {
        open();
        h.account("Dev", "dev-password", Role.DEVELOPER);
        dev = h.connect();
        dev.loginAs("Dev", "dev-password");
    }

    private void open() {
        h = new GameHarness(dir, new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 1, null));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** A callback that counts its runs on the caller's character (so a run while nobody is on is seen). */
    private static final String RING = "who -> who.setAttr(\"rang\", (who.attr(\"rang\") instanceof Long n ? n : 0L) + 1)";

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until the callbacks have left {@code expected} in the caller's "order" attribute. */
    private void awaitOrder(String expected) {
        awaitAttr("order", "\"" + expected + "\"");
    }

    /** Waits until {@code java self.attr(name)} shows {@code value} (as the console prints it). */
    private void awaitAttr(String name, String value) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!dev.say("java self.attr(\"" + name + "\")", "==> ").contains("==> " + value)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the tasks did not leave " + name + " = " + value + ": " + dev.say("tasks", "task"));
            }
            sleep(200);
        }
    }

    @Test
    void aPersistentTaskSurvivesAReloadRebuiltFromItsSourceAndFiresOnce() {
        dev.say("java String greet(GameObject o) { return \"Hi \" + o.key(); }", "created method greet(GameObject)");
        dev.say("java int times = 2;", "times ==> 2");
        dev.say("java for (int i = 0; i < 1; i++) { int n = 7; delay(2, who -> who.msg(greet(who) + \" x\" + times"
                + " + \" n\" + n), self).persist(); }", ">>> for");
        dev.say("tasks", "persistent");
        String reload = dev.say("@reload", "Reload complete.");
        assertThat(reload).doesNotContain("dropped");
        dev.expect("Hi Dev x2 n7"); // compiled again from its source after the reload, with what it captured
        dev.say("java 1", "==> 1");
        dev.say("@reload", "Reload complete.");
        sleep(2_500);
        dev.say("tasks", "You have no tasks pending."); // and it never fires again
    }

    @Test
    void aPersistentTaskFiresExactlyOnceAfterARestartEvenIfItCameDueWhileDown() {
        // Made in the other order than they are due: at start they must run in due order (a, then b).
        // One input makes all three, so a loaded machine cannot let one fire before the next is made.
        long made = System.nanoTime();
        dev.say("java/noecho delay(6, who -> who.setAttr(\"order\", who.attr(\"order\") + \"b\"), self).persist();"
                + " delay(5, who -> who.setAttr(\"order\", \"a\"), self).persist(); var later = delay(600, " + RING
                + ", self).persist(); later.pause(); self.msg(\"made \" + later)", "made Task #3 (delay, paused)");
        h.close(); // the server stops before they are due
        sleep(Math.max(0, 8_000 - (System.nanoTime() - made) / 1_000_000));
        open();
        dev = h.connect();
        dev.loginAs("Dev", "dev-password");
        awaitOrder("ab"); // both ran at start (rebuilt from source first), once each, in due order
        String listed = dev.say("tasks", "1 task.");
        assertThat(listed).contains("#3  delay  persistent  paused (9m");
        dev.say("tasks/cancel 3", "Task #3 cancelled.");
        h.close();
        open();
        dev = h.connect();
        dev.loginAs("Dev", "dev-password");
        dev.say("tasks", "You have no tasks pending.");
        dev.say("java self.attr(\"order\")", "==> \"ab\"");
        // New tasks after a restart do not reuse the numbers of kept ones.
        dev.say("java delay(600, () -> { })", "==> Task #4");
    }

    @Test
    void aPersistentTaskThatFiresAsAReloadBeginsRunsOnceAgainstTheNewWorld() {
        dev.say("java delay(600, " + RING + ", self).persist()", "==> Task #1 (delay)");
        // Fired (its removal submitted) and a reload started in the same loop turn: the removal becomes
        // durable while the reload holds the tasks, so the action built for the old world must not run.
        h.onLoop(() -> {
            h.game.tasks().find(1).orElseThrow().callNow();
            h.game.reload("the test");
        });
        dev.expect("Reload complete.");
        awaitAttr("rang", "1"); // it ran against the world after the reload
        dev.say("tasks", "You have no tasks pending.");
        dev.say("@reload", "Reload complete.");
        sleep(1_000);
        dev.say("java self.attr(\"rang\")", "==> 1"); // once, and what the world showed is what was stored
    }

    @Test
    void tasksPersistedInALoopAreEachKept() {
        dev.say("java/noecho for (int i = 0; i < 3; i++) delay(3600 + i, () -> { }).persist(); self.msg(\"kept\")", "kept");
        dev.say("@reload", "Reload complete.");
        String listed = dev.say("tasks", "3 tasks.");
        assertThat(listed).contains("#1  delay  persistent", "#2  delay  persistent", "#3  delay  persistent");
    }

    @Test
    void persistAllKeepsManyWithOneWriteOrNoneIfOneCannotBeKept() {
        dev.say("java/noecho var ts = new ArrayList<Task>(); for (int i = 0; i < 40; i++) ts.add(delay(3600 + i,"
                + " () -> { })); persistAll(ts); self.msg(\"kept \" + ts.stream().filter(Task::persistent).count())",
                "kept 40");
        // One that cannot be kept: none of the batch becomes persistent, and the message names it.
        dev.say("java var more = List.of(delay(3600, () -> { }), delay(3600, r -> { }, new Random()))", "more ==> ");
        dev.say("java persistAll(more)", "task #42 cannot be made persistent: argument 1 is a java.util.Random");
        dev.say("java more.stream().filter(Task::persistent).count()", "==> 0");
        String reload = dev.say("@reload", "Reload complete.");
        assertThat(reload).contains("dropped");
        dev.say("tasks", "40 tasks.");
    }

    @Test
    void whatCannotBeKeptIsRefusedNamingTheValueAndTheTaskStaysScheduled() {
        dev.say("java delay(60, r -> { }, new Random()).persist()", "IllegalArgumentException: task #1 cannot be made"
                + " persistent: argument 1 is a java.util.Random, which cannot be kept with a persistent task");
        dev.say("tasks", "#1  delay  until reload");
        dev.say("java delay(60, s -> { }, Set.of(1, 2)).persist()", "argument 1 holds a java.lang.Integer, which would"
                + " come back as a Long inside a list, set or map");
        dev.say("java delay(60, m -> { }, Map.of(1, \"one\")).persist()", "argument 1 is a map with a java.lang.Integer"
                + " key");
        dev.say("java delay(60, d -> { }, Double.NaN).persist()", "argument 1 is NaN; only finite numbers can be kept");
        dev.say("java delay(60, l -> { }, List.of(1.0, Double.POSITIVE_INFINITY)).persist()",
                "argument 1 holds a number that is Infinity");
        dev.say("java delay(60, b -> { }, java.math.BigDecimal.ONE).persist()", "argument 1 is a java.math.BigDecimal, which"
                + " cannot be kept with a persistent task (keep int, long, double and the other primitive numbers");
        dev.say("java record Point(int x, int y) { }", "created record Point");
        dev.say("java delay(60, p -> { }, new Point(1, 2)).persist()", "argument 1 is a Point, which cannot be kept");
    }

    @Test
    void typedCollectionsAndFloatsComeBackAsTheyWere() {
        dev.say("java delay(1, l -> self.msg(\"upper \" + l.get(0).toUpperCase()), List.of(\"a\")).persist()", "==> Task #1");
        dev.say("java delay(1, f -> self.msg(\"float \" + (f * 2)), 1.5f).persist()", "==> Task #2");
        dev.say("@reload", "Reload complete."); // both are compiled again from their source
        String out = dev.expect("upper A");
        if (!out.contains("float 3.0")) {
            dev.expect("float 3.0");
        }
    }

    @Test
    void aTaskWhoseObjectWasDestroyedIsKeptAsBrokenAndItsOwnerTold() {
        dev.say("@create lamp", "Created lamp");
        dev.say("java delay(60, l -> l.msg(\"x\"), search(\"lamp\").get(0)).persist()", "==> Task #1");
        dev.say("@destroy lamp", "Destroyed lamp");
        String reload = dev.say("@reload", "Reload complete.");
        assertThat(reload).containsPattern("Your task #1 is broken: argument 1 was #\\d+, which no longer exists");
        dev.say("tasks", "#1  delay  persistent  broken: argument 1 was #");
        dev.say("tasks/cancel 1", "Task #1 cancelled.");
        dev.say("@reload", "Reload complete.");
        dev.say("tasks", "You have no tasks pending.");
    }
}
