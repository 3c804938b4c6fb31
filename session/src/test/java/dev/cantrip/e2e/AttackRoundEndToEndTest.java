package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack round after issue 14's limits (sandbox/README.md, "Attack round (issue 14)"), replayed
 * against a real server as a hostile Builder, with Bob typing {@code look} meanwhile: a burst of
 * flows from one input, and a flow keeping what it allocates across its waits. Before, the first
 * made every player wait behind hundreds of flows' turns, the second ended the process out of
 * memory. The figures are printed for BENCHMARKS.md.
 */
class AttackRoundEndToEndTest {

    @TempDir
    static Path data;
    private static AttackScene scene;

    @BeforeAll
    static void start() throws Exception {
        // A small heap, so that the flow that keeps what it allocates would fill it within the test.
        scene = AttackScene.start(data.resolve("server"), "", List.of("-Xmx1g"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (scene != null) {
            scene.close();
        }
    }

    @Test
    void aBurstOfFlowsAndAFlowThatKeepsAllocatingAreRefused() throws Exception {
        scene.mallory.send("java 1 + 1");
        scene.mallory.expect("==> 2");
        AttackScene.Bystander bob = scene.watch();
        scene.mallory.say("java for (int i = 0; i < 200; i++) interactive(() -> { long x = 0; while (true) x++; });",
                "interactive flows running, the most an account may have at once");
        // The four it started are stopped by their budgets; one more, keeping 24 MB a step.
        for (int i = 0; i < 4; i++) {
            scene.mallory.expect("was stopped");
        }
        String told = scene.mallory.say("java interactive(() -> { List<long[]> kept = new ArrayList<>(); while (true) {"
                + " kept.add(new long[3_000_000]); pause(0); } })", "a flow may in all");
        bob.close();
        System.out.println("attack round, 200 busy flows then a flow keeping 24 MB a step: bystander " + bob.summary());
        assertThat(told).contains("this flow has allocated").contains("more than the 32.0 MiB");
        assertThat(bob.worstMillis()).isLessThan(5_000);
        assertThat(scene.server.process.isAlive()).isTrue();
        scene.mallory.say("java 6 * 7", "==> 42");
    }
}
