package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 4 of issue 14, replayed against a real server: a Builder's persistent tasks whose
 * callbacks use a slow-to-compile method; a clean restart; SIGTERM while their rebuilds are queued;
 * the next start. Every task fires exactly once (none lost, none twice) and {@code tasks} shows the
 * truth throughout. Then {@code @reload} while such rebuilds are slow completes within a bound, and
 * a bystander's {@code look} is answered throughout.
 */
class PersistentRebuildEndToEndTest {

    /** Locals assigned on both arms of an if: javac's definite-assignment work grows with their number. */
    private static final int LOCALS = 150;
    private static final int TASKS = 6;

    @TempDir
    Path data;

    /** A method that takes javac seconds to compile, honestly: many locals, each assigned in an if/else. */
    static String slowMethod(int locals) {
        StringBuilder b = new StringBuilder("long slow(long x) { ");
        for (int i = 0; i < locals; i++) {
            b.append("long v").append(i).append("; if (x > ").append(i).append(") v").append(i).append(" = x + ").append(i)
                    .append("; else v").append(i).append(" = x - ").append(i).append("; ");
        }
        b.append("return v0");
        for (int i = 1; i < locals; i += 97) {
            b.append(" + v").append(i);
        }
        return b.append("; }").toString();
    }

    /** {@code count} persistent tasks of the caller's, due in {@code seconds}, each counting its runs in "{prefix}i". */
    private static String persistentTasks(String prefix, int count, int seconds) {
        return "java/noecho for (int i = 0; i < " + count + "; i++) { int n = i; delay(" + seconds + ", who -> who.setAttr(\""
                + prefix + "\" + n, (who.attr(\"" + prefix + "\" + n) instanceof Long c ? c : 0L) + 1 + slow(n) * 0), self)"
                + ".persist(); } self.msg(\"kept " + count + "\")";
    }

    /** How often each of the tasks "{prefix}0".."{prefix}5" ran, as Mallory's character records it: "1,1,null,...". */
    private static String fired(TelnetTestClient c, String prefix) throws Exception {
        c.send("java/noecho String f = \"\"; for (int i = 0; i < " + TASKS + "; i++) f += self.attr(\"" + prefix
                + "\" + i) + \",\"; self.msg(\"fired [\" + f + \"]\")");
        String out = awaitText(c, "]", 60);
        return out.substring(out.lastIndexOf("fired [") + 7, out.length() - 2);
    }

    /**
     * How many of the tasks have fired once plus how many the owner has listed, read in one snippet
     * (one loop turn, so no task fires between the two reads): the truth is {@value #TASKS}.
     */
    private static int firedPlusListed(TelnetTestClient c, String prefix) throws Exception {
        c.send("java/noecho int k = 0; for (int i = 0; i < " + TASKS + "; i++) k += self.attr(\"" + prefix
                + "\" + i) instanceof Long n && n == 1 ? 1 : 0; self.msg(\"accounted for \" + (k + tasks().size()) + \".\")");
        String out = awaitText(c, "accounted for ", 60);
        return Integer.parseInt(out.isEmpty() ? "-1" : c.expect(".").replace(".", "").strip());
    }

    /** {@link TelnetTestClient#expect} with a longer wait (a compile on a loaded machine). */
    private static String awaitText(TelnetTestClient c, String text, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                return c.expect(text);
            } catch (AssertionError e) {
                if (System.nanoTime() > end || e.getMessage().startsWith("connection closed")) {
                    throw e;
                }
            }
        }
    }

    private static String once() {
        return String.join(",", java.util.Collections.nCopies(TASKS, "1"));
    }

    /** Waits until each of the tasks has run once; fails after {@code seconds}. */
    private static void awaitAllFired(TelnetTestClient c, String prefix, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String f;
        while (!(f = fired(c, prefix)).equals(once())) {
            assertThat(f).doesNotContain("2"); // never twice
            if (System.nanoTime() > end) {
                throw new AssertionError("not every task fired once within " + seconds + " s: " + f + "\n" + tasks(c));
            }
            Thread.sleep(300);
        }
    }

    /** What {@code tasks} lists for the client now, whole. */
    private static String tasks(TelnetTestClient c) throws Exception {
        c.skipReceived();
        c.send("tasks");
        c.send("look"); // its answer ends the listing
        return awaitText(c, "Exits:", 60);
    }

    /** Waits until one of the client's tasks is listed as being compiled again; returns the listing. */
    private static String awaitRebuilding(TelnetTestClient c, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String listed;
        while (!(listed = tasks(c)).contains("being compiled again")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the tasks were never seen being rebuilt:\n" + listed);
            }
            Thread.sleep(100);
        }
        return listed;
    }

    @Test
    void aStopWhileRebuildsAreQueuedLosesNoTaskAndAReloadDoesNotWaitForThem() throws Exception {
        AttackScene scene = AttackScene.start(data, "telnet.max-line-bytes = 1048576", List.of());
        try {
            // The slow method: compiled here until it takes a few seconds (the machine's speed varies).
            // Mallory's JShell is warmed first, so that what is timed is the method's compile.
            scene.mallory.send("java/noecho self.msg(\"warm\")");
            awaitText(scene.mallory, "warm", 90);
            int locals = LOCALS;
            long compileMillis;
            while (true) {
                long start = System.nanoTime();
                scene.mallory.send("java/noecho " + slowMethod(locals) + " self.msg(\"declared\")");
                awaitText(scene.mallory, "declared", 90);
                compileMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.println("[finding 4] the slow method (" + locals + " locals) compiled in " + compileMillis + " ms");
                if (compileMillis >= 3_000 || locals >= 8 * LOCALS) {
                    break;
                }
                locals *= 2;
            }
            scene.mallory.send(persistentTasks("t", TASKS, 4));
            awaitText(scene.mallory, "kept " + TASKS, 60);
            assertThat(tasks(scene.mallory)).contains(TASKS + " tasks.", "persistent");

            // A clean restart before they are due: at the next start they come due while being rebuilt.
            long restartAt = System.nanoTime();
            scene = scene.restart(data, List.of());
            long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt);
            awaitRebuilding(scene.mallory, 60);
            // SIGTERM while their rebuilds are queued: whatever has not fired yet must still be on disk.
            String before = fired(scene.mallory, "t");
            assertThat(firedPlusListed(scene.mallory, "t")).as(tasks(scene.mallory)).isEqualTo(TASKS);
            System.out.println("[finding 4] SIGTERM " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartAt)
                    + " ms after the restart (up in " + upMillis + " ms), with tasks fired [" + before + "]");
            assertThat(scene.stop()).isIn(0, 143); // 143: ended by SIGTERM, after its shutdown hook ran

            long secondStart = System.nanoTime();
            scene = AttackScene.startAgain(data, List.of());
            long secondUp = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondStart);
            try (AttackScene.Bystander bob = scene.watch()) {
                // `tasks` shows the truth: every task that had not fired is still listed.
                assertThat(firedPlusListed(scene.mallory, "t")).as(tasks(scene.mallory)).isEqualTo(TASKS);
                // @reload while they are being compiled again: it does not wait for the compiles; the
                // tasks, still on disk, are read back with the new world and rebuilt there.
                awaitRebuilding(scene.mallory, 60);
                long reloadAt = System.nanoTime();
                scene.wizard.send("@reload");
                awaitText(scene.wizard, "Reload complete.", 60);
                long reloadMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - reloadAt);
                awaitAllFired(scene.mallory, "t", 180);
                long allFiredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - secondStart);
                System.out.println("[finding 4] start (up in " + secondUp + " ms) to all " + TASKS + " tasks rebuilt and"
                        + " fired: " + allFiredMillis + " ms, with an @reload during the rebuilds that took " + reloadMillis
                        + " ms; bystander throughout: " + bob.summary());
                assertThat(reloadMillis).isLessThan(10_000);
                assertThat(bob.worstMillis()).isLessThan(5_000);
            }
            assertThat(tasks(scene.mallory)).contains("You have no tasks pending.");
            Thread.sleep(1_000);
            assertThat(fired(scene.mallory, "t")).isEqualTo(once()); // and none ran twice
            assertThat(scene.mallory.transcript()).doesNotContain("broken", "did not run");
        } catch (Throwable t) {
            System.out.println("[finding 4] the server printed:\n" + scene.server.output());
            throw t;
        } finally {
            scene.close();
        }
    }
}
