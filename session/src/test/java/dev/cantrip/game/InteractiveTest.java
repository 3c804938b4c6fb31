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

/** Interactive flows: the host's {@code meditate} and snippets' {@code interactive}, in a real game. */
class InteractiveTest {

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

    // Snippets that ask are typed with java/noecho: what the test waits for must be matched where the
    // flow says it, not in the echoed code.

    @Test
    void meditateAsksWhetherToGoOnAndReportsHowLong() {
        pat.say("meditate 1", "You sit down and close your eyes.");
        dev.expect("Pat sits down to meditate.");
        pat.expect("Your breathing slows.");
        pat.expect("Keep meditating? (yes/no)");
        pat.say("maybe", "Please answer yes or no");
        pat.expect("Keep meditating? (yes/no)");
        pat.say("yes", "You breathe in, and out.");
        pat.expect("Keep meditating? (yes/no)");
        String end = pat.say("no", "You open your eyes. You meditated for ");
        assertThat(end).containsPattern("You meditated for [2-9] seconds");
        dev.expect("Pat stands up.");
        pat.say("tasks", "You have no tasks pending.");
    }

    @Test
    void whileAskedALineWithTheEscapeRunsAsACommandAndAbortEndsTheFlowRunningItsFinally() {
        pat.say("meditate 1", "You sit down and close your eyes.");
        pat.expect("Keep meditating? (yes/no)");
        pat.say("tasks", "Please answer yes or no"); // not run as a command: it is the answer
        pat.expect("Keep meditating? (yes/no)");
        pat.say("!tasks", "interactive  until reload  running for");
        pat.say("!look", "Exits:");
        pat.say("abort", "Your flow #1 (interactive) was cancelled: you aborted it.");
        dev.expect("Pat stands up."); // its finally ran
        pat.say("look", "Exits:"); // lines are commands again
    }

    @Test
    void aSnippetFlowPausesAsksAndHandsItsValueToThen() {
        dev.say("java/noecho interactive(() -> { while (true) { self.msg(\"Getting ready to wait ...\"); pause(1);"
                + " self.msg(\"Now 1 second has passed.\"); String r = ask(\"Do you want to wait another second?\");"
                + " if (!r.equalsIgnoreCase(\"yes\") && !r.equalsIgnoreCase(\"y\")) return 10; } })"
                + ".then(v -> self.msg(\"returned \" + v))", "Getting ready to wait ...");
        dev.expect("Now 1 second has passed.");
        dev.expect("Do you want to wait another second?");
        pat.say("look", "Exits:"); // nobody else waits for the flow
        dev.say("y", "Getting ready to wait ...");
        dev.expect("Do you want to wait another second?");
        dev.say("no", "returned 10");
        dev.say("java 6 * 7", "==> 42");
    }

    @Test
    void askTakesTheFallbackWhenNoAnswerComesInTime() {
        dev.say("java/noecho interactive(() -> ask(\"Your name?\", 1, \"nobody\")).then(v -> self.msg(\"got \" + v))",
                "Your name?");
        dev.expect("(no answer; taken as: nobody)");
        dev.expect("got nobody");
    }

    @Test
    void pauseAndAskOutsideAFlowAreAClearError() {
        dev.say("java pause(1)", "IllegalStateException: pause(...) works only inside an interactive flow");
        dev.say("java ask(\"x\")", "IllegalStateException: ask(...) works only inside an interactive flow");
    }

    @Test
    void aFlowThatNeverPausesIsStoppedLikeAnyRunawaySnippet() {
        dev.say("java/noecho interactive(() -> { while (true) { } })", "Flow #1 (interactive)");
        pat.say("look", "Exits:");
        // At its CPU budget, or at its wall budget on a loaded machine, where a spin gets less CPU.
        assertThat(dev.expect("Your flow #1 (interactive) was stopped: it ")).containsPattern(
                "was stopped: it (used 2.0 s of CPU time \\(its budget is 2 s\\)|ran longer than 5 s)\\.");
    }

    @Test
    void eachStepOfAFlowHasTheWholeBudget() {
        // Three steps of 1.5 s of CPU each: 4.5 s in all, more than the 2 s budget, but each step is within it.
        dev.say("java void spin(long ms) { long end = System.nanoTime() + ms * 1_000_000; while (System.nanoTime() < end) { } }",
                "created method spin(long)");
        dev.say("java/noecho interactive(() -> { for (int i = 0; i < 3; i++) { spin(1_500); pause(0.1); } return \"done\"; })"
                + ".then(v -> self.msg(\"flow \" + v))", "Flow #1");
        dev.expect("flow done");
    }

    @Test
    void aReloadInterruptsAFlowAndTellsItsPlayer() {
        dev.say("java/noecho interactive(() -> ask(\"Waiting for ever?\"))", "Waiting for ever?");
        // In either order: the flow's end and the reload's are told by separate loop events, queued by
        // dependents of futures whose order CompletableFuture does not promise. The reload no longer
        // waits for ever on the flow either (InputPump.pause(bound)): finding 12 of issue 14.
        dev.sayBoth("!@reload", "Your flow #1 (interactive) was interrupted by reload.", "Reload complete.");
        dev.say("look", "Exits:");
    }

    @Test
    void disconnectingCancelsTheFlowAndItsFinallyRuns() {
        dev.say("java/noecho interactive(() -> { try { return ask(\"Still there?\"); }"
                + " finally { obj(1).setAttr(\"flowended\", true); } })", "Still there?");
        dev.type("!quit");
        dev.expect("Goodbye");
        GameHarness.Client back = h.connect();
        back.loginAs("Dev", "dev-password");
        back.say("java obj(1).attr(\"flowended\")", "==> true");
    }

    @Test
    void twoQuestionsAtOnceAreAnsweredLatestFirstAndTheOtherIsAskedAgain() {
        dev.type("java/noecho interactive(() -> { self.msg(\"colour \" + ask(\"Colour?\")); return 1; });"
                + " interactive(() -> { self.msg(\"size \" + ask(\"Size?\")); return 2; });");
        dev.expect("Colour?");
        dev.expect("Size?");
        // The other question is asked again (the next line answers it); what the answered flow says
        // may come after it, held until its changes are saved.
        dev.sayBoth("big", "size big", "Colour?");
        dev.say("red", "colour red");
        dev.say("look", "Limbo"); // and then lines are commands again
    }

    @Test
    void aQuestionThatTimedOutUnderAnotherDoesNotTakeALaterLine() {
        dev.type("java/noecho interactive(() -> { self.msg(\"first \" + ask(\"First?\", 1, \"none\")); pause(30);"
                + " self.msg(\"pause ended\"); return 1; });"
                + " interactive(() -> { self.msg(\"second \" + ask(\"Second?\")); return 2; });");
        dev.expect("Second?");
        dev.expect("first none"); // timed out while the second question sat on top of it
        dev.say("x", "second x");
        String look = dev.say("look", "Limbo"); // a command, not an answer to the finished question
        assertThat(look).doesNotContain("pause ended"); // nor did the line cut its pause short
    }

    @Test
    void eachStepOfAFlowHasTheWholeAllocationBudgetAndOneStepCannotExceedIt() throws java.io.IOException {
        h.close();
        Path tiers = GameHarness.developerTierWith(dir, "budget allocated 8MiB");
        h = new GameHarness(dir.resolve("game"), new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 1, tiers));
        dev = h.devAndPat()[0];
        // 5 MiB in each of three steps: 15 MiB in all, but never 8 MiB within one step.
        dev.type("java/noecho interactive(() -> { for (int i = 0; i < 3; i++) { byte[] b = new byte[5 << 20];"
                + " b[0] = 1; pause(0); } self.msg(\"three steps done\"); return 1; })");
        dev.expect("three steps done");
        // The same three allocations with no wait between them are one step: stopped.
        dev.type("java/noecho interactive(() -> { for (int i = 0; i < 3; i++) { byte[] b = new byte[5 << 20];"
                + " b[0] = 1; } self.msg(\"one step done\"); return 1; })");
        String told = dev.expect("allocation budget");
        assertThat(told).doesNotContain("one step done");
    }
}
