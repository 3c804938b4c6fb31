package dev.cantrip.flow;

import dev.cantrip.game.Game;
import dev.cantrip.repl.SnippetRunner;
import dev.cantrip.session.Session;
import dev.cantrip.tasks.Flow;
import dev.cantrip.tasks.FlowBody;
import dev.cantrip.tasks.FlowCancelledException;
import dev.cantrip.tasks.TaskKind;
import dev.cantrip.tasks.TaskOwner;
import dev.cantrip.turns.Revocation;
import dev.cantrip.turns.StepOf;
import dev.cantrip.turns.WorldTurns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Interactive flows: code that runs in lockstep with the game loop, pauses without blocking anyone,
 * asks its player questions and ends with a value ({@link Flow#then}). Host commands start them
 * with the host's trust ({@link #interactive(Session, String, FlowBody)}); snippets through the
 * {@code java} command, whose launcher runs them under their owner's budget. Inside a flow, its
 * code calls {@link Interaction}'s {@code pause}, {@code ask} and {@code confirm}.
 *
 * <p>A flow is cancelled when its player disconnects, aborts it ({@code abort} as an answer) or
 * cancels its task, and by a reload ("interrupted by reload"): what it waits for throws
 * {@link FlowCancelledException}, so its finally blocks run. Loop thread only.
 */
public final class Flows {

    private static final System.Logger LOG = System.getLogger(Flows.class.getName());
    private static final ScopedValue<FlowRun<?>> CURRENT = ScopedValue.newInstance();
    // A host flow's turn that has not ended after this long is given up (a bug in the command).
    private static final Duration HOST_MAX_TURN = Duration.ofSeconds(10);

    private final Game game;
    private final String escape;
    private final Set<FlowRun<?>> running = new LinkedHashSet<>();
    private final FlowLauncher host;
    // Makes the host flows' runners: in turns with the loop, each a step of the game's own.
    private final WorldTurns turns;

    /**
     * @param escape what a line starts with to run as a command while a flow waits for an answer
     */
    public Flows(Game game, String escape) {
        this.game = Objects.requireNonNull(game, "game");
        this.escape = Objects.requireNonNull(escape, "escape");
        if (escape.isBlank()) {
            throw new IllegalArgumentException("the escape for commands during a question cannot be blank");
        }
        this.turns = new WorldTurns(game);
        this.host = new HostLauncher();
        game.onSessionEnd(s -> List.copyOf(running).stream().filter(f -> f.session() == s)
                .forEach(f -> f.cancel("you disconnected")));
        game.onReloadStart(() -> List.copyOf(running).forEach(f -> f.cancel("interrupted by reload")));
    }

    Game game() {
        return game;
    }

    String escape() {
        return escape;
    }

    /** The flow whose code runs on the calling thread, or null. */
    static FlowRun<?> current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    /**
     * Starts a host flow for {@code s}'s player, with the host's trust: a command written in Java
     * ({@code meditate}). It is listed in their {@code tasks}.
     */
    public <V> Flow<V> interactive(Session s, String description, FlowBody<V> body) {
        Objects.requireNonNull(s, "s");
        if (s.account() == null) {
            throw new IllegalStateException("a flow needs a logged-in player to talk to");
        }
        return interactive(s, new TaskOwner(s.account().id(), s.account().name()), description, body, host);
    }

    /** Starts a flow whose code runs through {@code launcher} (a snippet's, under its budget). */
    public <V> Flow<V> interactive(Session s, TaskOwner owner, String source, FlowBody<V> body, FlowLauncher launcher) {
        Objects.requireNonNull(s, "s");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(launcher, "launcher");
        game.loop().checkInLoop("start a flow");
        FlowRun<V> flow = new FlowRun<>(this, s, owner, launcher);
        flow.task(game.tasks().track(owner, TaskKind.INTERACTIVE, source, () -> flow.cancel("its task was cancelled")));
        running.add(flow);
        Callable<Object> invoke = () -> {
            flow.began();
            return ScopedValue.where(CURRENT, flow).call(body::run);
        };
        CompletableFuture<FlowEnd> end = launcher.launch(body, invoke);
        game.pump().track(end);
        end.whenComplete((how, failure) -> game.loop().execute(() -> {
            running.remove(flow);
            flow.ended(how != null ? how : new FlowEnd.Failed(List.of("failed: " + failure)));
        }));
        return flow;
    }

    /** Host flows: in turns with the loop (each a step of the game's own), no budget, errors logged. */
    private final class HostLauncher implements FlowLauncher {
        @Override
        public CompletableFuture<FlowEnd> launch(Object body, Callable<Object> invoke) {
            // The host's own code: its turns are never revoked (host code in progress keeps its turn,
            // as it may touch the world without a check), and a run given up holds back nobody.
            SnippetRunner runner = turns.runner(new StepOf.Host(), HOST_MAX_TURN, Revocation.never(), left -> { });
            CompletableFuture<FlowEnd> end = new CompletableFuture<>();
            Thread.ofVirtual().name("cantrip-flow").start(() -> {
                try {
                    end.complete(new FlowEnd.Returned(runner.run(invoke)));
                } catch (FlowCancelledException c) {
                    end.complete(new FlowEnd.Cancelled(c.getMessage()));
                } catch (Throwable t) {
                    end.complete(new FlowEnd.Failed(List.of("failed: " + t + " (" + incident(t) + ")")));
                }
            });
            return end;
        }

        @Override
        public void callback(Object lambda, Callable<?> invoke, String what) {
            try {
                invoke.call();
            } catch (Exception | LinkageError | AssertionError e) {
                LOG.log(System.Logger.Level.ERROR, what + " failed (" + incident(e) + ")", e);
            }
        }
    }

    private static String incident(Throwable t) {
        String id = Long.toString(System.nanoTime() & 0xFFFFFF, 36);
        LOG.log(System.Logger.Level.ERROR, "incident " + id + ": a flow failed", t);
        return "logged as incident " + id;
    }

    /** The flows running now, for listings and tests. */
    List<Flow<?>> running() {
        return new ArrayList<>(running);
    }
}
