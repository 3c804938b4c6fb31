package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent task that comes due while its owner's earlier callback still holds her one callback
 * slot (and then, that callback given up inside the JDK, while her stuck thread goes on) waits to
 * be admitted as a pending task, listed and on disk: SIGTERM in that wait, or {@code @reload} and
 * then SIGTERM, and the next start fires it exactly once; {@code tasks/cancel} in that wait removes
 * it for good. It used to leave the store as it came due and wait in memory (or be dropped, its
 * owner stuck), and was lost.
 */
class TaskAdmissionEndToEndTest {

    @TempDir
    Path data;

    /** A list of {@code depth} levels, each holding the one below twice: its hashCode visits 2^depth lists. */
    private static String sharedList(int depth) {
        return "List<Object> x = new ArrayList<>(); x.add(1); for (int i = 0; i < " + depth + "; i++) {"
                + " List<Object> n = new ArrayList<>(); n.add(x); n.add(x); x = n; } final List<Object> y = x;";
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

    /** What {@code tasks} lists for the client now, whole. */
    private static String tasks(TelnetTestClient c) throws Exception {
        c.skipReceived();
        c.send("tasks");
        c.send("look"); // its answer ends the listing
        return awaitText(c, "Exits:", 60);
    }

    /** How often the task counting in {@code attr} has rung, as Mallory's character records it ("null": never). */
    private static String rang(TelnetTestClient c, String attr) throws Exception {
        c.skipReceived();
        c.send("java/noecho self.msg(\"" + attr + " [\" + self.attr(\"" + attr + "\") + \"]\")");
        String out = awaitText(c, attr + " [", 60) + c.expect("]");
        return out.substring(out.lastIndexOf(attr + " [") + attr.length() + 2, out.length() - 1);
    }

    /**
     * Has {@code c} schedule a callback that runs inside HashSet.add for hours (it holds its owner's
     * one callback slot for its wall budget, then is given up and its owner's java waits for its
     * thread), and for each of {@code attrs}, in order, a persistent task due a second later that
     * counts its runs in it: they wait first for the slot, then for that thread.
     */
    private static void scheduleBehindAStuckCallback(TelnetTestClient c, String... attrs) throws Exception {
        StringBuilder input = new StringBuilder("java/noecho " + sharedList(45)
                + " delay(0, () -> { new HashSet<Object>().add(y); });");
        for (String attr : attrs) {
            input.append(" delay(1, who -> who.setAttr(\"").append(attr).append("\", (who.attr(\"").append(attr)
                    .append("\") instanceof Long n ? n : 0L) + 1), self).persist();");
        }
        c.send(input.append(" self.msg(\"scheduled\")").toString());
        awaitText(c, "scheduled", 90);
    }

    /** Waits until {@code tasks} lists one of the client's persistent tasks as {@code state}; returns the listing. */
    private static String awaitListed(TelnetTestClient c, String state) throws Exception {
        return awaitListed(c, state, 1);
    }

    /**
     * Waits until {@code tasks} lists {@code count} of the client's persistent tasks as {@code state};
     * returns the listing.
     */
    private static String awaitListed(TelnetTestClient c, String state, int count) throws Exception {
        String listed;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((listed = tasks(c)).split(java.util.regex.Pattern.quote("persistent  " + state), -1).length - 1 < count) {
            if (System.nanoTime() > end) {
                throw new AssertionError(count + " tasks were never seen " + state + ":\n" + listed);
            }
            Thread.sleep(100);
        }
        return listed;
    }

    /** Waits until the task counting in {@code attr} has rung once (never twice); fails after two minutes. */
    private static void awaitRangOnce(TelnetTestClient c, String attr) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String count;
        while (!(count = rang(c, attr)).equals("1")) {
            assertThat(count).isEqualTo("null"); // never twice
            if (System.nanoTime() > end) {
                throw new AssertionError(attr + " did not ring after the restart:\n" + tasks(c));
            }
            Thread.sleep(200);
        }
    }

    @Test
    void aPersistentTaskWaitingToBeAdmittedSurvivesSigtermAndReloadAndFiresOnce() throws Exception {
        AttackScene scene = AttackScene.start(data);
        try {
            scene.mallory.send("java/noecho self.msg(\"warm\")");
            awaitText(scene.mallory, "warm", 90);

            // ---- SIGTERM while the bell waits (for her slot, or already for her stuck thread).
            scheduleBehindAStuckCallback(scene.mallory, "bell");
            String listed = awaitListed(scene.mallory, "due, waiting for ");
            System.out.println("[admission] SIGTERM while `tasks` said:\n" + listed);
            assertThat(listed).containsAnyOf("waiting for a free callback slot",
                    "waiting for its owner's snippet stuck inside the JDK to end");
            assertThat(scene.mallory.transcript()).doesNotContain("did not run");
            assertThat(scene.stop()).isIn(0, 143); // 143: ended by SIGTERM, after its shutdown hook ran

            scene = AttackScene.startAgain(data, List.of());
            awaitRangOnce(scene.mallory, "bell");
            // Gone from the listing (and the store) as it rang: it cannot ring again.
            assertThat(tasks(scene.mallory)).contains("You have no tasks pending.");
            assertThat(rang(scene.mallory, "bell")).isEqualTo("1");

            // ---- @reload, then SIGTERM, while the gong and the chime wait for her stuck thread (which
            // outlives a reload); the chime is cancelled in that wait.
            String stuck = "due, waiting for its owner's snippet stuck inside the JDK to end";
            scheduleBehindAStuckCallback(scene.mallory, "gong", "chime");
            awaitListed(scene.mallory, stuck, 2);
            scene.wizard.send("@reload");
            awaitText(scene.wizard, "Reload complete.", 60);
            // Read back from the store with the new world, compiled again, and waiting again.
            listed = awaitListed(scene.mallory, stuck, 2);
            java.util.regex.Matcher waiting = java.util.regex.Pattern.compile("#(\\d+)  delay  persistent  "
                    + java.util.regex.Pattern.quote(stuck)).matcher(listed);
            long chime = 0;
            while (waiting.find()) {
                chime = Math.max(chime, Long.parseLong(waiting.group(1))); // scheduled after the gong
            }
            scene.mallory.say("tasks/cancel " + chime, "Task #" + chime + " cancelled.");
            assertThat(tasks(scene.mallory)).contains("1 task.").doesNotContain("#" + chime + " ");
            assertThat(scene.stop()).isIn(0, 143);

            scene = AttackScene.startAgain(data, List.of());
            awaitRangOnce(scene.mallory, "gong");
            assertThat(tasks(scene.mallory)).contains("You have no tasks pending.");
            assertThat(rang(scene.mallory, "bell")).isEqualTo("1");
            assertThat(rang(scene.mallory, "chime")).isEqualTo("null"); // cancelled while it waited: gone from disk
            assertThat(scene.mallory.transcript()).doesNotContain("did not run", "broken");
        } catch (Throwable t) {
            System.out.println("[admission] the server printed:\n" + scene.server.output());
            String seen = scene.mallory.transcript();
            System.out.println("[admission] Mallory saw (from the start of this server):\n" + seen.substring(0, Math.min(seen.length(), 4000)));
            throw t;
        } finally {
            scene.close();
        }
    }
}
