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

/** The {@code java} command in a real game (loop, store, JShell), through in-memory clients. */
class JavaCommandTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;
    GameHarness.Client pat;

    @BeforeEach
    void start() throws Exception {
        // An operator's copy of the developer tier with a shorter wall-time budget, as README describes.
        Path tiers = GameHarness.developerTierWith(dir, "budget wall 1500ms");
        h = new GameHarness(dir, new JavaSettings(Role.DEVELOPER, Duration.ofMinutes(30), 1, tiers));
        h.account("Dev", "dev-password", Role.DEVELOPER);
        h.account("Pat", "pat-password", Role.PLAYER);
        dev = h.connect();
        dev.loginAs("Dev", "dev-password");
        pat = h.connect();
        pat.loginAs("Pat", "pat-password");
        dev.expect("Pat has connected.");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aDeveloperEvaluatesAndSeesTheInputEchoedThenTheValue() {
        String out = dev.say("java 1 + 1", "==> 2");
        assertThat(out).contains(">>> 1 + 1");
        assertThat(dev.say("java here", "==> ")).contains("==> Limbo(#1)  (GameObject)");
    }

    @Test
    void aPlayerGetsTheSameHuhAsForAnUnknownCommand() {
        pat.say("java 1 + 1", "Huh? 'java' is not a command here.");
        pat.say("help java", "There is no help on 'java'.");
    }

    @Test
    void snippetsTouchTheLiveWorldAndChangesAreSaved() {
        dev.say("java self.msg(\"hi from java\")", "hi from java");
        dev.say("java self.setAttr(\"title\", \"the Coder\")", ">>> self.setAttr");
        dev.say("@examine me", "title = \"the Coder\"");
    }

    @Test
    void aMethodDeclaredInOneCommandIsUsedInTheNext() {
        dev.say("java String greet(GameObject o) { return \"Hi \" + o.key(); }", "created method greet(GameObject)");
        dev.say("java greet(self)", "==> \"Hi Dev\"");
        dev.say("java String greet(GameObject o) { return \"Hello \" + o.key(); }", "replaced method greet(GameObject)");
    }

    @Test
    void hereIsWhereTheCallerIsWhenTheSnippetRuns() {
        dev.say("java here", "==> Limbo(#1)");
        dev.say("north", "Exits: south");
        dev.say("java here.key()", "==> \"Garden\"");
        dev.say("java obj(1).key() + \" and \" + search(\"garden\").size()", "==> \"Limbo and 1\"");
    }

    @Test
    void severalSnippetsOnOneLineRunInOrderWithTheirOutput() {
        String out = dev.say("java int a = 2; System.out.println(\"between\"); int b = 3; a * b", "==> 6");
        assertThat(out).containsSubsequence("a ==> 2", "between", "b ==> 3", "==> 6");
    }

    @Test
    void aTypoGetsACaretDiagnostic() {
        String out = dev.say("java self.kye()", "  ^------^");
        assertThat(out).contains("Error: cannot find symbol", "  self.kye()");
    }

    @Test
    void anExceptionShowsTypeMessageAndSnippetFrame() {
        String out = dev.say("java obj(99999)", "at ");
        assertThat(out).contains("java.util.NoSuchElementException: there is no object #99999");
    }

    @Test
    void aRunawaySnippetIsStoppedAndTheGameGoesOn() {
        dev.type("java while (true) { }");
        pat.say("look", "Limbo");
        dev.expect("Stopped: it ran longer than 1.5 s");
        dev.say("java 6 * 7", "==> 42");
    }

    @Test
    void aLongRunLetsOthersActBetweenItsTimeSlices() {
        dev.say("java here.contents().stream().map(o -> o.key()).toList()", "\"Pat\"");
        // Spins until Pat has left the room: only possible if Pat's command runs while it does.
        dev.type("java System.out.println(\"waiting\");"
                + " while (here.contents().stream().anyMatch(o -> o.key().equals(\"Pat\"))) { } \"Pat left\"");
        dev.expect("waiting"); // its first time slice is over
        pat.say("north", "Garden");
        dev.expect("==> \"Pat left\"");
    }

    @Test
    void timeAndNoechoSwitches() {
        String timed = dev.say("java/time 1 + 2", "[compile ");
        assertThat(timed).contains("==> 3").containsPattern("\\[compile \\d+\\.\\d ms, run \\d+\\.\\d ms]");
        dev.say("java/noecho 40 + 2", "==> 42");
        dev.say("say done", "You say");
        assertThat(dev.transcript.toString()).doesNotContain(">>> 40 + 2");
    }

    @Test
    void consoleModeRunsMultiLineInputUntilExit() {
        dev.say("java", "Java console");
        dev.expect("java> ");
        dev.type("int twice(int x) {");
        dev.expect("...> ");
        dev.type("  return 2 * x;");
        dev.expect("...> ");
        dev.say("}", "created method twice(int)");
        dev.say("twice(21)", "==> 42");
        // Game commands are Java here.
        dev.say("look", "Error: cannot find symbol");
        dev.say("/methods", "twice(int)");
        dev.say("/exit", "Left the Java console");
        dev.say("look", "Limbo");
        dev.say("java twice(4)", "==> 8");
    }

    @Test
    void inTheConsoleCommandsWorkMidInputAndCancelDropsIt() {
        dev.say("java", "java> ");
        dev.type("int half(int x) {");
        dev.expect("...> ");
        dev.say("/vars", "(binding)");
        dev.expect("...> ");
        dev.say("/cancel", "Unfinished input dropped.");
        dev.expect("java> ");
        dev.say("1 + 1", "==> 2");
        dev.say("/exit", "Left the Java console");
    }

    @Test
    void exitCallLeavesTheConsole() {
        dev.say("java", "java> ");
        dev.say("exit()", "Left the Java console");
        dev.say("look", "Limbo");
    }

    @Test
    void metaCommandsListAndManageState() {
        dev.say("java int count = 3; String name = \"x\"; void hello() { }; class Box { }", "created class Box");
        assertThat(dev.say("java /vars", "String name")).contains("GameObject self = Dev(#", "(binding)",
                "int count = 3");
        dev.say("java /methods", "hello()");
        dev.say("java /types", "class Box");
        dev.say("java /imports", "import dev.cantrip.world.GameObject");
        dev.say("java /list", "#");
        dev.say("java /drop hello", "dropped method hello()");
        dev.say("java /drop nothing", "You have nothing named 'nothing' to drop.");
        dev.say("java /history", "class Box");
        dev.say("java /complete self.ke", "self.key(");
        dev.say("java /reset", "Your Java state is fresh.");
        dev.say("java count", "cannot find symbol");
        dev.say("java /nonsense", "There is no console command /nonsense.");
        dev.say("java /help", "/complete <code>");
    }

    @Test
    void stateIsPerSessionAndEndsWithTheSession() {
        dev.say("java int mine = 1", "mine ==> 1");
        GameHarness.Client dev2 = h.connect();
        dev2.loginAs("Dev", "dev-password");
        dev2.say("java mine", "cannot find symbol");
        dev.say("quit", "Goodbye");
        GameHarness.Client again = h.connect();
        again.loginAs("Dev", "dev-password");
        again.say("java mine", "cannot find symbol");
    }

    @Test
    void aReloadClearsJavaStateAndSaysSo() {
        dev.say("java int kept = 1", "kept ==> 1");
        dev.say("@reload", "Reload complete.");
        String out = dev.say("java 1", "==> 1");
        assertThat(out).contains("Your Java state was cleared because the game reloaded.");
        dev.say("java kept", "cannot find symbol");
    }

    @Test
    void anotherRoleCanBeLetIn() throws Exception {
        h.close();
        h = new GameHarness(dir.resolve("builders"),
                new JavaSettings(Role.BUILDER, Duration.ofMinutes(30), 1, null));
        h.account("Bea", "bea-password", Role.BUILDER);
        h.account("Pat", "pat-password", Role.PLAYER);
        GameHarness.Client bea = h.connect();
        bea.loginAs("Bea", "bea-password");
        bea.say("java 2 + 2", "==> 4");
        GameHarness.Client p = h.connect();
        p.loginAs("Pat", "pat-password");
        p.say("java 2 + 2", "Huh?");
    }

    @Test
    void printedOutputGoesOnlyToTheCaller() {
        dev.say("java System.out.println(\"secret\")", "secret");
        pat.say("say ping", "You say");
        assertThat(pat.transcript.toString()).doesNotContain("secret");
    }
}
