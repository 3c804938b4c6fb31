package dev.cantrip.session;

import dev.cantrip.loop.GameLoop;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds each session's lines to its {@link InputHandler}, one at a time, on the game loop.
 *
 * <p>Each line runs as a <em>step</em>: the handler runs with the session's output held; when it
 * returns, the held output is released as soon as every change made so far is durable. Work a step
 * starts off the loop ({@link #await}) runs its continuation as a further step. Until all of that
 * is done the session is busy and its next lines wait in order (up to a bound), so a player's
 * commands never overtake each other and the loop never waits for a disk or a password hash.
 */
public final class InputPump {

    private static final System.Logger LOG = System.getLogger(InputPump.class.getName());

    private final GameLoop loop;
    private final Supplier<CompletableFuture<Void>> changesDurable;
    private final int maxQueuedLines;
    private final java.util.Map<Session, Integer> outstanding = new java.util.HashMap<>();
    private boolean paused;

    /**
     * @param changesDurable completes when every change made so far is on disk
     * @param maxQueuedLines lines a busy session may have waiting before more are refused
     */
    public InputPump(GameLoop loop, Supplier<CompletableFuture<Void>> changesDurable, int maxQueuedLines) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.changesDurable = Objects.requireNonNull(changesDurable, "changesDurable");
        this.maxQueuedLines = maxQueuedLines;
    }

    /** Takes a line the user typed: runs it now, or queues it while the session is busy. Loop only. */
    public void line(Session s, String line) {
        loop.checkInLoop("handle input");
        if (s.closed()) {
            return;
        }
        s.touch();
        if (s.busy() || paused || !s.queuedLines().isEmpty()) {
            if (s.queuedLines().size() >= maxQueuedLines) {
                s.send("You are typing faster than the game can answer; this line was dropped: " + abbreviate(line));
                return;
            }
            s.queuedLines().add(line);
            return;
        }
        step(s, () -> s.handler().onLine(s, line));
    }

    /** Runs {@code body} as a step of session {@code s}. Loop only. */
    public void step(Session s, Runnable body) {
        loop.checkInLoop("run a session step");
        outstanding.merge(s, 1, Integer::sum);
        s.busy(true);
        s.holdOutput();
        try {
            body.run();
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.ERROR, "error handling input of " + s, e);
            s.send("Something went wrong while handling that (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). It has been logged.");
        }
        Runnable release = s.stopHolding();
        CompletableFuture<Void> durable = changesDurable.get();
        if (durable.isDone() && !durable.isCompletedExceptionally()) {
            release.run();
            stepDone(s);
            return;
        }
        durable.whenComplete((ok, failure) -> loop.execute(() -> {
            if (failure != null) {
                s.send("Warning: the game could not save that change (" + rootMessage(failure)
                        + "). It may be lost when the server restarts.");
            }
            release.run();
            stepDone(s);
        }));
    }

    /**
     * From inside a step: waits for {@code work} (running off the loop) and then runs
     * {@code onResult} or {@code onFailure} on the loop as a further step of the session. The
     * session stays busy until then. If the session disconnects first, neither runs.
     */
    public <T> void await(Session s, CompletableFuture<T> work, Consumer<? super T> onResult,
                          Consumer<Throwable> onFailure) {
        loop.checkInLoop("wait for work");
        outstanding.merge(s, 1, Integer::sum);
        work.whenComplete((result, failure) -> loop.execute(() -> {
            if (!s.closed()) {
                step(s, () -> {
                    if (failure == null) {
                        onResult.accept(result);
                    } else {
                        onFailure.accept(failure);
                    }
                });
            }
            stepDone(s);
        }));
    }

    /** Holds every session's input until {@link #resume()} (used while the world reloads). Loop only. */
    public void pause() {
        loop.checkInLoop("pause input");
        paused = true;
    }

    /** Lets input flow again and runs what waited. Loop only. */
    public void resume(Iterable<Session> sessions) {
        loop.checkInLoop("resume input");
        paused = false;
        for (Session s : sessions) {
            if (!s.busy()) {
                pumpNext(s);
            }
        }
    }

    /** Forgets a session that disconnected. Loop only. */
    public void closed(Session s) {
        s.markClosed();
        s.queuedLines().clear();
        outstanding.remove(s);
    }

    private void stepDone(Session s) {
        Integer left = outstanding.computeIfPresent(s, (k, n) -> n <= 1 ? null : n - 1);
        if (left == null && !s.closed()) {
            s.busy(false);
            pumpNext(s);
        }
    }

    private void pumpNext(Session s) {
        if (paused || s.closed() || s.busy()) {
            return;
        }
        String next = s.queuedLines().poll();
        if (next != null) {
            step(s, () -> s.handler().onLine(s, next));
        }
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
