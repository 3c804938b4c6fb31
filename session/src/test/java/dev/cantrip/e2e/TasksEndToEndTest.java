package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code delay} and the {@code tasks} command in the real server process, over real telnet. */
class TasksEndToEndTest {

    @TempDir
    Path data;

    @Test
    void aDelayPrintsLaterWhileLookAnswersAtOnceAndTasksListsAndCancels() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = wizard(server);
             TelnetTestClient pat = new TelnetTestClient(server.telnetPort)) {
            pat.expect("Welcome to Cantrip");
            pat.say("create Pat pat-password", "Welcome, Pat!");

            wiz.say("java 1 + 1", "==> 2"); // the process's first evaluation is slow; this one is not the test
            long sent = System.nanoTime();
            wiz.say("java delay(2, who -> who.msg(\"Test!\"), self)", "==> Task #1 (delay)");
            // The player goes on at once: look is answered before the callback runs.
            assertThat(wiz.say("look", "Exits:")).doesNotContain("Test!");
            wiz.expect("Test!");
            long fired = System.nanoTime();
            // About 2 s: never early; late only by the machine's noise (generous, it is a shared machine).
            assertThat((fired - sent) / 1_000_000).as("ms until the callback ran").isBetween(1_900L, 10_000L);

            wiz.say("java var t = delay(java.time.Duration.ofMinutes(5), () -> here.msg(\"The bell rings.\"))",
                    "t ==> Task #2 (delay)");
            wiz.say("tasks", "1 task.");
            wiz.say("tasks/cancel 2", "Task #2 cancelled.");
            wiz.say("java t.active()", "==> false");

            // A callback that throws: its owner is told what and where; the server goes on.
            // (What a callback says may come before the line's own result, which waits for its changes to be saved.)
            wiz.send("java delay(0, () -> { Object o = null; o.hashCode(); })");
            wiz.expectAnywhere("==> Task #3");
            wiz.expectAnywhere("Your task #3 (delay) threw:");
            wiz.expectAnywhere("java.lang.NullPointerException");
            pat.say("look", "Exits:");
            wiz.say("java 6 * 7", "==> 42");
        }
    }

    @Test
    void anInteractiveFlowAsksTakesTheTypedAnswerAndReportsItsValueAndMeditateDoesTheSame() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = wizard(server);
             TelnetTestClient pat = new TelnetTestClient(server.telnetPort)) {
            pat.expect("Welcome to Cantrip");
            pat.say("create Pat pat-password", "Welcome, Pat!");

            // noecho: the question must be matched where the flow asks it, not in the echoed code.
            wiz.say("java/noecho interactive(() -> { pause(1); String name = ask(\"What is your name?\");"
                    + " return name.length(); }).then(n -> self.msg(\"Your name has \" + n + \" letters.\"))",
                    "What is your name?");
            pat.say("look", "Exits:"); // the flow holds nobody up
            wiz.say("!look", "Exits:"); // the escape runs a command while the question waits
            wiz.say("Merlin", "Your name has 6 letters.");

            // The host's own flow, a game command written with the same API.
            pat.say("meditate 1", "You sit down and close your eyes.");
            wiz.expect("Pat sits down to meditate.");
            pat.expect("Keep meditating? (yes/no)");
            pat.say("no", "You meditated for");
            wiz.expect("Pat stands up.");
        }
    }

    /** Counts its runs on the caller's character, so a run while nobody is logged in is seen. */
    private static final String RING = "who -> who.setAttr(\"rang\", (who.attr(\"rang\") instanceof Long n ? n : 0L) + 1)";

    private static void awaitRang(TelnetTestClient wiz, int n) throws Exception {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!wiz.say("java/noecho self.attr(\"rang\")", "(Object)").contains("==> " + n + " ")) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the persistent tasks did not run " + n + " times; the client saw:\n"
                        + wiz.transcript());
            }
            Thread.sleep(250);
        }
    }

    private static TelnetTestClient wizard(ServerProcess server) throws Exception {
        TelnetTestClient wiz = new TelnetTestClient(server.telnetPort);
        wiz.expect("Welcome to Cantrip");
        wiz.say("connect Wizard wizard-password", "Welcome, Wizard! (Developer)");
        return wiz;
    }

    @Test
    void aPersistentDelaySurvivesAReloadAndAKill9AndFiresExactlyOnce() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = wizard(server)) {
            wiz.say("java delay(2, " + RING + ", self).persist()", "==> Task #1 (delay)");
            wiz.say("@reload", "Reload complete.");
            awaitRang(wiz, 1); // rebuilt from its source after the reload, then fired
            wiz.say("@reload", "Reload complete.");
            Thread.sleep(1_000);
            awaitRang(wiz, 1); // and never again
            // Durable when persist() returns: the reply is shown after it did, and then the process dies.
            wiz.say("java delay(3, " + RING + ", self).persist()", "==> Task #2 (delay)");
            server.kill9();
        }
        Thread.sleep(3_500); // it comes due while the server is down
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = wizard(server)) {
            awaitRang(wiz, 2); // fired at start
            wiz.say("tasks", "You have no tasks pending.");
            server.kill9();
        }
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = wizard(server)) {
            Thread.sleep(1_000);
            awaitRang(wiz, 2); // a second restart runs nothing again
        }
    }
}
