package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding 3 of issue 14, "javac has no budget", replayed against the real server over telnet: the
 * finding's nested input is refused before javac by the guard; a shape the guard lets through but
 * that compiles slowly is given up at the Builder's compile budget (lowered to 500 ms by a tier
 * file in the data directory's {@code tiers/}), and Mallory's {@code java} waits until the stuck
 * compile ends; meanwhile the Developer's {@code java 6*7} answers, a pending {@code delay} fires,
 * {@code @reload} completes and Bob's {@code look} stays answered.
 */
class CompileBudgetEndToEndTest {

    @TempDir
    Path data;

    /** {@code g(true ? g(true ? ... 1 ... : null, 2) : null, 2)}, {@code depth} calls deep. */
    private static String conditionals(int depth) {
        String s = "1";
        for (int i = 0; i < depth; i++) {
            s = "g(true ? " + s + " : null, 2)";
        }
        return s;
    }

    /**
     * {@code g(A, A)} doubled {@code times} over, each {@code A} nested five levels (all the guard
     * lets through): about a millisecond of javac's CPU per character.
     */
    private static String doubled(int times) {
        String s = conditionals(5);
        for (int i = 0; i < times; i++) {
            s = "g(" + s + ", " + s + ")";
        }
        return s;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @Test
    void slowCompilesAreRefusedOrGivenUpWhileEveryoneElseIsAnswered() throws Exception {
        String builder;
        try (InputStream in = getClass().getResourceAsStream("/dev/cantrip/scripting/tiers/builder.policy")) {
            builder = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(builder).contains("budget compile 3s");
        Files.createDirectories(data.resolve("tiers"));
        Files.writeString(data.resolve("tiers/builder.policy"), builder.replace("budget compile 3s", "budget compile 500ms"));

        try (AttackScene scene = AttackScene.start(data)) {
            scene.mallory.say("java /budget", "Compiling it may take 500 ms of CPU time.");
            scene.wizard.say("java /budget", "Compiling it may take 10 s of CPU time.");
            scene.mallory.say("java <T> T g(T a, T b) { return a; }", "created method g(T,T)");
            long guardMillis;
            long giveUpMillis;
            long wizardMillis;
            long reloadMillis;
            long pausedMillis;
            boolean bellWhileStuck;
            AttackScene.Bystander bob = scene.watch();
            try (bob) {
                // The finding's input (366 characters with "java "): refused before javac sees it.
                String bomb = "java " + conditionals(18);
                assertThat(bomb).hasSize(366);
                long start = System.nanoTime();
                scene.mallory.say(bomb, "Rejected: it nests calls inside conditionals, lambdas or switches 18 levels"
                        + " deep (at most 5), which the compiler takes exponential time to check: split it with local"
                        + " variables");
                guardMillis = millisSince(start);

                // A delay of the Developer's, due while Mallory's next compile runs.
                scene.wizard.say("java delay(2, who -> who.msg(\"The bell rings.\"), self)", "==> Task #");

                // Let through by the guard, but slow: stopped at the compile budget.
                String slow = "java " + doubled(5);
                assertThat(slow.length()).isLessThan(8192); // one telnet line
                start = System.nanoTime();
                scene.mallory.say(slow, "Stopped: compiling it took more than 0.5 s of CPU time (its compile budget);"
                        + " the compiler cannot be stopped midway, so your Java state was cleared (a fresh JShell) and your"
                        + " java waits until that compile ends");
                giveUpMillis = millisSince(start);
                long stuckSince = System.nanoTime();
                // javac still runs on its worker: Mallory's java waits for it.
                scene.mallory.say("java 1 + 1", "paused");

                start = System.nanoTime();
                scene.wizard.say("java 6*7", "==> 42");
                wizardMillis = millisSince(start);
                scene.wizard.expectAnywhere("The bell rings.");
                scene.mallory.skipReceived();
                scene.mallory.send("java 2 + 2");
                String answer = scene.mallory.expectEither("==> 4", "paused");
                bellWhileStuck = answer.contains("paused");

                start = System.nanoTime();
                scene.wizard.say("@reload", "Reload complete.");
                reloadMillis = millisSince(start);

                // Once javac is done, Mallory's java works again, on a fresh JShell.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (true) {
                    scene.mallory.skipReceived();
                    scene.mallory.send("java 3 + 4");
                    String reply = scene.mallory.expectEither("==> 7", "paused");
                    if (reply.contains("==> 7")) {
                        break;
                    }
                    assertThat(reply).contains("paused");
                    assertThat(System.nanoTime()).as("Mallory's java back within 90 s").isLessThan(deadline);
                    Thread.sleep(500);
                }
                pausedMillis = millisSince(stuckSince);
                scene.mallory.say("java g(1, 2)", "cannot find symbol"); // the old JShell's method went with it
            }
            assertThat(scene.server.process.isAlive()).isTrue();
            System.out.printf("Finding 3 (javac): guard refused the 18-deep input in %d ms; slow compile given up at the"
                    + " 500 ms CPU budget after %d ms; Wizard's java 6*7 answered in %d ms; the delay fired while"
                    + " Mallory's compile was stuck: %s; @reload took %d ms; Mallory's java paused for %d ms;"
                    + " bystander: %s%n", guardMillis, giveUpMillis, wizardMillis, bellWhileStuck, reloadMillis,
                    pausedMillis, bob.summary());
            assertThat(bob.worstMillis()).as("bystander's worst look").isLessThan(5_000);
            assertThat(wizardMillis).as("the Developer's java while a compile is stuck").isLessThan(15_000);
        }
    }
}
