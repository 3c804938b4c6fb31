package dev.cantrip.sandbox;

import dev.cantrip.repl.EngineConfig;
import dev.cantrip.repl.Evaluation;
import dev.cantrip.repl.OutcomeText;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.ReplSession;
import dev.cantrip.repl.SnippetOutcome;
import dev.cantrip.repl.SnippetRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real engine whose classes go through a {@link Tier}'s gate, with one session: the engine of
 * the sandbox as the server builds it, less the game. Snippet code runs on the session's worker, a
 * virtual thread, so CPU time is not measured there and the wall budget is what stops a run.
 */
final class SandboxTesting implements AutoCloseable {

    /** How long {@link #eval} waits for an evaluation before taking it for a hang. */
    static final Duration HANG = Duration.ofMinutes(2);

    /** The tier's name, as messages show it. */
    static final String TIER = "tester";

    /** A small tier in the manner of {@code developer.policy}. */
    static final String POLICY = """
            # The language, less most of System and StringBuilder.
            allow java.lang.*
            deny java.lang.System
            allow java.lang.System#out
            allow java.lang.System#gc        # base.policy says never: this allow cannot undo it
            deny java.lang.StringBuilder
            allow java.lang.StringBuilder#<init>
            allow java.lang.StringBuilder#append
            allow java.lang.StringBuilder#length
            allow java.io.PrintStream

            allow java.util.**
            deny java.util.concurrent.**
            deny java.util.AbstractCollection#toString   # ArrayList inherits it
            allow java.math.**
            """;

    final Tier tier;
    final ReplEngine engine;
    final List<String> printed = new CopyOnWriteArrayList<>();
    private ReplSession session;

    /** @param budgets budget lines put before {@link #POLICY} */
    SandboxTesting(String budgets) {
        this(budgets, POLICY);
    }

    /** @param budgets budget lines put before {@code policy}, the tier's rules */
    SandboxTesting(String budgets, String policy) {
        tier = Tier.parse(TIER, TIER + ".policy", budgets + "\n" + policy);
        engine = ReplEngine.start(EngineConfig.builder()
                .poolSize(1)
                .gate(tier.gate())
                .budget(tier.budget())
                .startup("import java.util.*;")
                .build());
    }

    /** Opens a fresh session (closing the one before, if any). */
    void open() {
        closeSession();
        printed.clear();
        session = engine.open("t", Map.of(), printed::add);
    }

    void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
    }

    /**
     * Evaluates on the session's worker and waits; a run nothing stops fails the test after
     * {@link #HANG} instead of holding the build for ever (no measure of speed: a stop takes under a second).
     */
    Evaluation eval(String input) {
        try {
            return session.evaluate(input, SnippetRunner.direct(), o -> { }).get(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("nothing stopped " + input + " within " + HANG, e);
        } catch (ExecutionException e) {
            throw new AssertionError("evaluating " + input + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted evaluating " + input, e);
        }
    }

    /** The only outcome of {@code input}. */
    SnippetOutcome only(String input) {
        List<SnippetOutcome> outcomes = eval(input).outcomes();
        if (outcomes.size() != 1) {
            throw new AssertionError("expected one outcome of " + input + ", got " + outcomes);
        }
        return outcomes.getFirst();
    }

    /** The text of every outcome of {@code input}. */
    List<String> show(String input) {
        return eval(input).outcomes().stream().flatMap(o -> OutcomeText.lines(o).stream()).toList();
    }

    @Override
    public void close() {
        closeSession();
        engine.close();
    }
}
