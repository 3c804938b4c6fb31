package dev.cantrip.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.account.Role;
import dev.cantrip.scripting.JavaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message a run sends counts against its output budget (here 64 KiB), as the bytes each
 * player receives, and background work's messages wait for the loop in a bounded outbox.
 */
class MessageBudgetTest {

    @TempDir
    Path dir;
    GameHarness h;
    GameHarness.Client dev;
    GameHarness.Client pat;

    @BeforeEach
    void start() throws Exception {
        Path tiers = GameHarness.developerTierWith(dir, "budget output 64KiB");
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
    void aMessageToARoomCostsItsBytesOncePerListener() {
        // Dev and Pat hear it: 2 x 20,001 bytes, then 2 x 20,001 more would pass 64 KiB.
        dev.say("java String s = \"y\".repeat(20_000); here.msg(s); here.msg(s); self.msg(\"not reached\");",
                "Stopped: it sent more than 64.0 KiB of output (its budget is 64.0 KiB; messages count what each"
                        + " player receives)");
        dev.say("java 1 + 1", "==> 2");
        assertThat(text(pat).lines().filter(l -> l.startsWith("yyyy")).count()).isEqualTo(1);
        assertThat(text(dev).lines()).doesNotContain("not reached"); // (the echoed input has it)
    }

    @Test
    void whatASnippetSendsItselfCountsToo() {
        String out = dev.say("java session.send(\"z\".repeat(70_000))", "Stopped: it sent more than 64.0 KiB");
        assertThat(out).doesNotContain("zzzzzzzzzz");
        dev.say("java self.msg(\"z\".repeat(70_000))", "Stopped: it sent more than 64.0 KiB");
        // Printed output and messages share the budget; a printed line is not charged twice on its way out.
        dev.say("java System.out.println(\"p\".repeat(40_000)); self.msg(\"q\".repeat(30_000))",
                "Stopped: it sent more than 64.0 KiB");
        dev.say("java System.out.println(\"p\".repeat(60_000)); 3", "==> 3");
    }

    @Test
    void backgroundMessagesWaitInABoundedOutbox() throws Exception {
        // The work waits a second, then sends 2,000 messages while the loop is held busy: the first
        // 1,000 wait for it, the next is refused; once the loop is free, those 1,000 go out.
        dev.say("java runAsync(() -> { long until = System.currentTimeMillis() + 1_000;"
                + " while (System.currentTimeMillis() < until) { }"
                + " for (int i = 0; i < 2_000; i++) self.msg(\"m\" + i); return 0; })", "==> Task #1 (async)");
        CountDownLatch held = new CountDownLatch(1);
        h.loop.execute(() -> {
            held.countDown();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        String told = dev.expect("msg refused: 1,000 messages of this background work are already waiting for the"
                + " game loop");
        assertThat(told).contains("Your task #1 (async) threw:");
        dev.say("java 1 + 1", "==> 2");
        assertThat(text(dev).lines().filter(l -> l.matches("m\\d+")).count()).isEqualTo(1_000);
        assertThat(text(dev)).contains("\nm999\n").doesNotContain("\nm1000\n");
    }

    private static String text(GameHarness.Client c) {
        synchronized (c.transcript) {
            return c.transcript.toString();
        }
    }
}
