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
 * The attack round after issue 14's limits: what a hostile Builder found past them, each closed
 * where it got through (sandbox/README.md, "Attack round (issue 14)").
 */
class AttackRoundTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client wiz;
    GameHarness.Client mal;

    @BeforeEach
    void start() {
        h = new GameHarness(dir, new JavaSettings(Role.BUILDER, Duration.ofMinutes(30), 1, null));
        h.account("Wiz", "wiz-password", Role.DEVELOPER);
        h.account("Mal", "mal-password", Role.BUILDER);
        h.account("Bob", "bob-password", Role.PLAYER);
        wiz = h.connect();
        wiz.loginAs("Wiz", "wiz-password");
        mal = h.connect();
        mal.loginAs("Mal", "mal-password");
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void oneAccountMayRunOnlyAFewFlowsAtOnce() {
        // Each flow is a snippet thread outside the callback slots: 200 from one input crowded the loop.
        String told = mal.say("java for (int i = 0; i < 6; i++) interactive(() -> { pause(60); return 0; });",
                "interactive flows running, the most an account may have at once");
        assertThat(told).contains("you have 4 interactive flows running");
        long malId = idOf("Mal");
        assertThat(h.onLoop(() -> h.game.tasks().of(malId).size())).isEqualTo(4);
    }

    @Test
    void aFlowMayNotKeepAllocatingAcrossItsWaits() {
        // Each wait renews the step's budget; what the flow keeps in its locals is measured nowhere.
        // 8 MB a step, kept: past the builder's 32 MiB in all, the next wait is refused.
        String told = mal.say("java interactive(() -> { List<long[]> kept = new ArrayList<>(); while (true) {"
                + " kept.add(new long[1_000_000]); pause(0); } })", "a flow may in all");
        assertThat(told).contains("this flow has allocated").contains("more than the 32.0 MiB");
        // Within that, a flow still has each step's whole budget after a wait (InteractiveTest).
        mal.say("java interactive(() -> { for (int i = 0; i < 3; i++) { long[] a = new long[1_000_000]; pause(0); }"
                + " self.msg(\"three steps\"); return 0; })", "three steps");
    }

    @Test
    void whatPendingTasksCaptureCountsAgainstTheRetainedBudget() {
        // Each callback captures 12.8 MB that no variable holds (each input within its allocation
        // budget): two fit the builder's 32 MiB, the third not.
        String capture = "java for (int i = 0; i < 1; i++) { long[] a = new long[1_600_000];"
                + " delay(3600, () -> { int n = a.length; }); }";
        mal.say(capture, ">>> for");
        mal.say(capture, ">>> for");
        String told = mal.say(capture, "delay refused");
        assertThat(told).contains("its callback holds 12.2 MiB and your other tasks 24.4 MiB, over the 32.0 MiB");
        long malId = idOf("Mal");
        assertThat(h.onLoop(() -> h.game.tasks().of(malId).size())).isEqualTo(2);
        // Arguments count too; a task that holds little is still welcome.
        mal.say("java delay(3600, a -> { }, new long[1_000_000])", "delay refused");
        mal.say("java delay(3600, who -> who.msg(\"hi\"), self)", "==> Task #");
        // What ends frees its share.
        mal.say("tasks/cancel 1", "Task #1 cancelled.");
        mal.say("java delay(3600, a -> { }, new long[1_000_000])", "==> Task #");
    }

    @Test
    void oneAccountsDueCallbacksRunOneAtATimeWhileOthersRunBeside() {
        // Mal's first callback spins until its CPU budget stops it; her second waits for it, Wiz's does not.
        mal.type("java delay(0, () -> { while (true) { } }); delay(0, () -> self.msg(\"second\" + \" ran\"));");
        wiz.say("java delay(0.2, () -> self.msg(\"wiz ran\"))", "wiz ran");
        String seen = mal.expect("second ran");
        assertThat(seen).contains("was stopped");
        assertThat(seen.indexOf("was stopped")).isLessThan(seen.indexOf("second ran"));
    }

    @Test
    void aDemotedAccountsTasksNoLongerRun() {
        mal.say("java delay(0.5, () -> self.msg(\"still here\"))", "==> Task #");
        wiz.say("@perm Mal = player", "Mal is now a Player.");
        String told = mal.expect("did not run");
        assertThat(told).contains("your account may no longer use java (you are a Player)").doesNotContain("still here");
    }

    @Test
    void aCharacterMayNotTakeAnotherCharactersName() {
        mal.say("java self.setKey(\"bob\")", "You may not name Mal (#");
        mal.say("java self.setKey(\"Wiz\")", "another character");
        assertThat(h.onLoop(() -> h.game.world().search("bob").size())).isEqualTo(1);
        mal.say("java self.setKey(\"Mallory\"); self.key()", "==> \"Mallory\""); // a name of her own is hers to take
        assertThat(h.onLoop(() -> h.game.world().search("Mallory").size())).isEqualTo(1);
    }

    private long idOf(String account) {
        return h.onLoop(() -> h.game.accounts().find(account).orElseThrow().id());
    }

    @Test
    void aChainOfCallbacksSharesOneAllowanceForMessagesToPlayers() throws Exception {
        // Each callback has a fresh output budget: a chain of them sent another player 90 MB before.
        GameHarness.Client bob = h.connect();
        bob.loginAs("Bob", "bob-password");
        long start = System.nanoTime();
        String told = mal.say("java void spam(GameObject v, int n) { if (n == 0) return; v.msg(\"y\".repeat(60000));"
                + " delay(0, () -> spam(v, n - 1)); } spam(search(\"Bob\").get(0), 100)", "msg refused");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(told).contains("the code of Mal has sent players more than 1024 KiB at once and 64 KiB a second");
        long got = bob.received.stream().filter(l -> l.startsWith("yyyy")).mapToLong(String::length).sum();
        // At most the burst (1 MiB), the rate (64 KiB/s) for as long as the chain ran, and one message.
        assertThat(got).isGreaterThan(0).isLessThanOrEqualTo((1L << 20) + (long) (seconds * (64 << 10)) + 60_000);
        // Staff are not held to it (what they send is theirs to judge).
        for (int i = 0; i < 2; i++) {
            wiz.say("java self.msg(\"z\".repeat(600_000)); 1", "==> 1"); // 1.2 MB in two runs, each within its budget
        }
    }
}
