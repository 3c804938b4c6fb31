package dev.cantrip.turns;

import dev.cantrip.game.Game;
import dev.cantrip.host.WorldLoop;
import dev.cantrip.repl.SnippetRunner;
import dev.cantrip.session.Session;
import dev.cantrip.world.Actor;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Makes the runners that run snippet code in turns on the world thread: {@code java} evaluations,
 * tasks' callbacks, flows and rebuilds, and host commands' flows. The code runs on a thread of its
 * own (so its CPU time and allocations are counted); each turn lasts one time slice, so a long
 * computation lets the world thread serve everyone else between slices. While a turn lasts, the
 * world thread is lent to the code's thread (world objects check that they are touched on it) and
 * waits. Each turn is a step whose changes are durable before anyone is told of them, as every
 * command's are. What differs between runners is said by the caller ({@link #runner}).
 *
 * <p>Of the game it takes only what a host supplies: the world thread, which runs each turn and
 * is lent for it, and a way to run a turn as a step of a player, of an owner or of the game itself
 * ({@link StepOf}). Any thread.
 */
public final class WorldTurns {

    private final Game game;
    private final WorldLoop loop;

    /** Runners whose turns run on {@code game}'s loop, as its steps. */
    public WorldTurns(Game game) {
        this.game = Objects.requireNonNull(game, "game");
        this.loop = game.loop();
    }

    /**
     * A runner whose every turn is a step of {@code whose} on the world thread.
     *
     * @param whose whose step each turn is: who acts in it (what the code changes is checked
     *     against them) and whose session, if any, stays busy while it runs
     * @param longestTurn how long after its turn began a run still inside the JDK is given up
     *     for good (for snippet code, its tier's wall budget)
     * @param stuckTurn whether, and after how long, the world thread stops waiting for a turn
     *     stuck inside a JDK call, so that a bystander does not wait for it
     * @param givenUp told of each run given up, with what completes once its thread has left the
     *     JDK (which may be never), so that the caller can hold back that user's next runs
     *     meanwhile instead of letting stuck threads pile up; a compile given up past its budget
     *     is told the same way. Called on the thread that gives the run up.
     */
    public SnippetRunner runner(StepOf whose, Duration longestTurn, Revocation stuckTurn,
                                Consumer<CompletableFuture<Void>> givenUp) {
        Objects.requireNonNull(whose, "whose");
        Objects.requireNonNull(longestTurn, "longestTurn");
        Objects.requireNonNull(stuckTurn, "stuckTurn");
        Objects.requireNonNull(givenUp, "givenUp");
        Consumer<Runnable> asStep = stepsOf(whose);
        Duration turnWait = switch (stuckTurn) {
            case Revocation.After(Duration after) -> after;
            case Revocation.Never() -> longestTurn;
        };
        return SnippetRunner.inSlices(turn -> {
            if (!loop.execute(() -> asStep.accept(turn))) {
                throw new RejectedExecutionException("the game loop has stopped");
            }
        }, loop::lend, longestTurn, turnWait, givenUp);
    }

    /**
     * How each turn of one runner's runs is made a step of {@code whose}, on the world thread:
     * the part of a turn that is the host's.
     */
    private Consumer<Runnable> stepsOf(StepOf whose) {
        return switch (whose) {
            case StepOf.Player(Session session) -> turn -> game.pump().step(session, turn);
            case StepOf.Owner(long accountId) -> {
                // Found once per runner, on its first turn: finding an account scans them all, and a
                // run has many turns.
                Actor[] actor = new Actor[1];
                yield turn -> game.pump().worldStep(() -> {
                    if (actor[0] == null) {
                        actor[0] = game.actorOf(accountId);
                    }
                    game.acting().as(actor[0], turn);
                });
            }
            case StepOf.Host() -> turn -> game.pump().worldStep(turn);
        };
    }
}
