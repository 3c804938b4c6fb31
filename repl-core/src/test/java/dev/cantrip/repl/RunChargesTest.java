package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RunCharges}: host code's output counts against the run's output budget with what it
 * prints, and stops it past the budget before sending; a host walk heeds the run's stop; outside
 * a run nothing is charged.
 */
class RunChargesTest {

    private static ReplTesting t;

    @BeforeAll
    static void start() {
        t = new ReplTesting(EngineConfig.builder().poolSize(1).budget(RunBudget.defaults()
                .withWall(Duration.ofMillis(300)).withOutputBytes(64L << 10)));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void outputPastTheBudgetStopsTheRunBeforeItIsSent() {
        List<String> out = t.show("dev.cantrip.repl.HostWork.send(40_000); System.out.println(\"sent once\");"
                + " dev.cantrip.repl.HostWork.send(40_000); System.out.println(\"sent twice\");");
        // The budget is the evaluation's: the second snippet's send passes what the first left.
        assertThat(out).containsExactly("Stopped: it sent more than 64.0 KiB of output (its budget is 64.0 KiB;"
                + " messages count what each player receives)", "Stopped: not run: the snippet before it was stopped");
        assertThat(t.printed).contains("sent once").doesNotContain("sent twice");
        // The next evaluation has its whole budget again.
        assertThat(t.show("dev.cantrip.repl.HostWork.send(60_000); 1 + 1")).containsExactly("==> 2");
    }

    @Test
    void printedOutputAndSentOutputShareTheBudget() {
        List<String> out = t.show("System.out.println(\"x\".repeat(60_000)); dev.cantrip.repl.HostWork.send(10_000); 2");
        assertThat(out).first().asString().startsWith("Stopped: it sent more than 64.0 KiB of output");
        assertThat(t.show("{ System.out.println(\"x\".repeat(60_000)); dev.cantrip.repl.HostWork.send(10_000); }"))
                .singleElement().asString().startsWith("Stopped: it sent more than 64.0 KiB of output");
    }

    @Test
    void aStopCannotBeCaughtByTheSnippet() {
        List<String> out = t.show("int caught = 0; for (int i = 0; i < 100; i++) {"
                + " try { dev.cantrip.repl.HostWork.send(10_000); } catch (Throwable e) { caught++; } }");
        assertThat(out).last().asString().startsWith("Stopped: it sent more than 64.0 KiB");
    }

    @Test
    void aPrintedLineIsNotChargedAgainWhenItsTargetSendsIt() {
        // A session whose printed lines are sent by host code that charges what it sends (as the
        // game's Session.send does): each line counts once, when printed.
        List<String> seen = new CopyOnWriteArrayList<>();
        ReplSession s = t.engine.open("charging", Map.<String, Supplier<?>>of("self", () -> t.player, "room",
                t.player::room), line -> {
                    RunCharges.output(line.length() + 1L);
                    seen.add(line);
                });
        try {
            Evaluation e = s.evaluate("for (int i = 0; i < 40; i++) System.out.println(\"y\".repeat(1_000)); 3",
                    SnippetRunner.direct(), o -> { }).join();
            assertThat(e.outcomes().stream().flatMap(o -> OutcomeText.lines(o).stream()).toList())
                    .containsExactly("==> 3");
            assertThat(seen).hasSize(40);
        } finally {
            s.close();
        }
    }

    @Test
    void aHostWalkHeedsTheRunsStop() {
        assertThat(t.show("dev.cantrip.repl.HostWork.walkForever()")).containsExactly("Stopped: it ran longer than 0.3 s");
    }

    @Test
    void outsideARunNothingIsCharged() {
        assertThatCode(() -> {
            RunCharges.output(Long.MAX_VALUE);
            RunCharges.visits(1_000_000);
        }).doesNotThrowAnyException();
        assertThat(RunCharges.run()).isNull();
    }

    @Test
    void theRunsIdentityIsTheSameForTheWholeEvaluation() {
        assertThat(t.show("dev.cantrip.repl.RunCharges.run() == dev.cantrip.repl.RunCharges.run()"))
                .containsExactly("==> true");
        assertThat(t.show("dev.cantrip.repl.RunCharges.run() != null")).containsExactly("==> true");
    }
}
