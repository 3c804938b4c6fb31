package dev.cantrip.session;

import dev.cantrip.loop.GameLoop;
import dev.cantrip.loop.LagStats;
import dev.cantrip.loop.LagWindow;
import java.util.ArrayDeque;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Feeds each session's lines to its {@link InputHandler}, one at a time, on the game loop, and
 * makes sure nobody is told of a change before it is on disk.
 *
 * <p>Each line runs as a <em>step</em>. While a step runs, every line of output the loop produces
 * (to the typing player and to anyone else) is held; when the step returns, its output joins a
 * queue and is released, in step order, once every change made up to the end of that step is
 * durable. Work a step starts off the loop ({@link #await}) runs its continuation as a further
 * step of the same session. Until a session's steps are done it is busy, and its next lines wait
 * in order (up to a bound): a player's commands never overtake each other, and the loop never
 * waits for a disk or a password hash.
 */
public final class InputPump {

    private static final System.Logger LOG = System.getLogger(InputPump.class.getName());

    private final GameLoop loop;
    private final Changes changes;
    private final int maxQueuedLines;
    // Steps (and awaited work) not finished, per session. Loop thread only, like all fields below.
    private final Map<Session, Integer> outstanding = new HashMap<>();
    private final ArrayDeque<Step> releases = new ArrayDeque<>();
    // Work the game started by itself (a task's callback running in turns) not finished yet, each
    // with what to do if a pause stops waiting for it (null: nothing).
    private final Map<Object, Runnable> gameWork = new java.util.IdentityHashMap<>();
    private Step current;
    private boolean draining;
    private boolean paused;
    private volatile boolean pausedView; // paused, for other threads (a health check)
    private CompletableFuture<Void> quiet;
    // From a step's end to its output's release: the wait for its (and earlier) changes to be durable.
    private final LagWindow held = new LagWindow();
    // Who acts in a step: its session's account, or the game itself; set by the game.
    private Acting acting = (session, body) -> body.run();

    /**
     * Runs a step's body as whoever acts in it: for a session's step, its account (who the world's
     * changes are made for, and checked against); for {@code session} null, the game itself.
     */
    @FunctionalInterface
    public interface Acting {
        void run(Session session, Runnable body);
    }

    /** What the pump needs to know of persistence: where the changes stand, and when they are on disk. */
    public interface Changes {
        /** A mark for the changes made so far (increasing as changes are made). */
        long mark();

        /**
         * Completes when every change made so far is durable; exceptionally if one of those made
         * after {@code mark} could not be written.
         */
        CompletableFuture<Void> durableAfter(long mark);
    }

    /** A step's held output, waiting for its changes to be durable; {@code session} is null for the game's own. */
    private static final class Step {
        final Session session;
        final long startMark;
        final List<Runnable> output = new ArrayList<>();
        CompletableFuture<Void> durable;
        long endedNanos;
        boolean watched;

        Step(Session session, long startMark) {
            this.session = session;
            this.startMark = startMark;
        }
    }

    /**
     * @param changes where the changes stand; a step's output waits for its changes
     * @param maxQueuedLines lines a busy session may have waiting before more are refused
     */
    public InputPump(GameLoop loop, Changes changes, int maxQueuedLines) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.changes = Objects.requireNonNull(changes, "changes");
        if (maxQueuedLines < 1) {
            throw new IllegalArgumentException("maxQueuedLines must be at least 1, got " + maxQueuedLines);
        }
        this.maxQueuedLines = maxQueuedLines;
    }

    /**
     * Sets who acts in each top-level step (a step inside another acts as the outer one). Loop only,
     * before the first step.
     */
    public void acting(Acting a) {
        this.acting = Objects.requireNonNull(a, "a");
    }

    /** Takes a line the user typed: runs it now, or queues it while the session is busy. Loop only. */
    public void line(Session s, String line) {
        Objects.requireNonNull(line, "line");
        loop.checkInLoop("handle input");
        if (s.closed()) {
            return;
        }
        s.touch();
        if (s.busy() || paused || !s.queuedLines().isEmpty()) {
            if (s.queuedLines().size() >= maxQueuedLines) {
                if (!s.overflowWarned()) {
                    s.overflowWarned(true);
                    s.send("You are typing faster than the game can answer; lines are being dropped, starting"
                            + " with: " + abbreviate(line));
                }
                return;
            }
            s.queuedLines().add(line);
            return;
        }
        step(s, () -> s.handler().onLine(s, line));
    }

    /**
     * Runs {@code body} as a step of session {@code s}, its account acting ({@link #acting}); see
     * the class description. The session stays busy at least until the step's output is released.
     * Inside another step, the body simply runs as part of it. Loop only.
     */
    public void step(Session s, Runnable body) {
        Objects.requireNonNull(s, "s");
        run(s, body, "run a session step");
    }

    /**
     * Runs {@code body} as a step of no session: for work the game starts by itself (a task that
     * came due, a turn of its callback). Its output is held until its changes are durable, like
     * any step's, and no session is made busy. The game itself acts in it: work done for an
     * account (a snippet's callback) sets its owner inside. Inside another step, the body simply
     * runs as part of it. Loop only.
     */
    public void worldStep(Runnable body) {
        run(null, body, "run a world step");
    }

    /**
     * A step, of session {@code s} or (null) of the game's own: the one path both kinds take, so
     * that they cannot differ in what makes a step a step (output held from its start until every
     * change made up to its end is durable, released in step order). A session's step also makes
     * it busy until then, and a failure in it is told to its player as well as logged.
     */
    private void run(Session s, Runnable body, String what) {
        Objects.requireNonNull(body, "body");
        loop.checkInLoop(what);
        if (current != null) {
            body.run();
            return;
        }
        if (s != null) {
            outstanding.merge(s, 1, Integer::sum);
            s.busy(true);
        }
        Step step = new Step(s, changes.mark());
        current = step;
        try {
            // For the game's own step, the game itself acts; work it runs for an account says so inside.
            acting.run(s, body);
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            // Commands, and snippet code a Developer installed, fail alone; out of memory is the loop's to handle.
            failed(s, e);
        } finally {
            current = null;
        }
        step.durable = changes.durableAfter(step.startMark);
        step.endedNanos = System.nanoTime();
        releases.add(step);
        drain();
    }

    /** A step's body threw: logged, and told to the player whose step it was (held with its output). */
    private static void failed(Session s, Throwable e) {
        if (s == null) {
            LOG.log(System.Logger.Level.ERROR, "error in a step of the game's own work", e);
            return;
        }
        String incident = Long.toString(System.nanoTime() & 0xFFFFFF, 36);
        LOG.log(System.Logger.Level.ERROR, "incident " + incident + ": error handling input of " + s, e);
        s.send("Something went wrong while handling that; it has been logged (incident " + incident + ").");
    }

    /**
     * From inside a step: waits for {@code work} (running off the loop), then runs
     * {@code onResult} or {@code onFailure} on the loop as a further step of the session, which
     * stays busy until then. If the session disconnects first, neither runs.
     */
    public <T> void await(Session s, CompletableFuture<T> work, Consumer<? super T> onResult,
                          Consumer<Throwable> onFailure) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(onResult, "onResult");
        Objects.requireNonNull(onFailure, "onFailure");
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
            finished(s);
        }));
    }

    /**
     * Counts {@code work} (the game's own, running in turns on the loop: a task's callback) as
     * unfinished until it completes, so that {@link #pause} waits for it. Loop only.
     */
    public void track(CompletableFuture<?> work) {
        track(work, null);
    }

    /**
     * {@link #track(CompletableFuture)}; if a {@linkplain #pause(Duration) bounded pause} stops
     * waiting for it, {@code abandoned} is run (on the loop): it stops the work and tells its owner.
     */
    public void track(CompletableFuture<?> work, Runnable abandoned) {
        Objects.requireNonNull(work, "work");
        loop.checkInLoop("track work");
        Object token = new Object();
        gameWork.put(token, abandoned);
        work.whenComplete((r, f) -> loop.execute(() -> {
            gameWork.remove(token);
            quietIfIdle();
        }));
    }

    /**
     * Holds every session's new lines until {@link #resume}, and completes once no step and no
     * awaited work is left unfinished (so that nothing changes the world behind a reload). Loop
     * only.
     */
    public CompletableFuture<Void> pause() {
        loop.checkInLoop("pause input");
        paused = true;
        pausedView = true;
        if (quiet == null) {
            quiet = new CompletableFuture<>();
        }
        CompletableFuture<Void> result = quiet;
        quietIfIdle();
        return result;
    }

    /**
     * {@link #pause()}, but waits at most {@code bound}: then the game's own work still running is
     * abandoned (each piece's handler stops it and tells its owner), sessions whose work has not
     * finished stay busy until it does, and the result completes all the same, with how many
     * pieces of work were left unfinished. Nothing waits for ever on snippet code. Loop only.
     */
    public CompletableFuture<Integer> pause(Duration bound) {
        Objects.requireNonNull(bound, "bound");
        CompletableFuture<Void> idle = pause();
        CompletableFuture<Integer> result = new CompletableFuture<>();
        if (idle.isDone()) {
            result.complete(0);
            return result;
        }
        GameLoop.Timer timer = loop.schedule(bound, () -> {
            if (result.isDone() || idle.isDone()) {
                return;
            }
            int unfinished = gameWork.size() + outstanding.size();
            LOG.log(System.Logger.Level.WARNING, "input paused for " + bound.toMillis() + " ms with " + gameWork.size()
                    + " piece(s) of the game's own work and " + outstanding.size() + " busy session(s) unfinished;"
                    + " going on without them");
            new ArrayList<>(gameWork.values()).forEach(abandon -> {
                if (abandon != null) {
                    try {
                        abandon.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "abandoning work failed", e);
                    }
                }
            });
            if (quiet == idle) {
                quiet = null; // a later pause waits afresh
            }
            result.complete(unfinished);
        });
        idle.whenComplete((v, f) -> {
            timer.cancel();
            result.complete(0);
        });
        return result;
    }

    /** Whether input is held ({@link #pause}) now. Any thread (a monitor's view: it may be a moment old). */
    public boolean paused() {
        return pausedView;
    }

    /** Lets input flow again and runs what waited. Loop only. */
    public void resume(Iterable<Session> sessions) {
        loop.checkInLoop("resume input");
        paused = false;
        pausedView = false;
        for (Session s : sessions) {
            if (!s.busy()) {
                pumpNext(s);
            }
        }
    }

    /** Forgets a session that disconnected: its waiting lines are dropped. Loop only. */
    public void closed(Session s) {
        loop.checkInLoop("close a session");
        s.markClosed();
        s.queuedLines().clear();
    }

    /** Called by {@link Session}: holds output made on the loop while a step runs. */
    boolean hold(Runnable write) {
        if (current != null && loop.inLoop()) {
            current.output.add(write);
            return true;
        }
        return false;
    }

    /**
     * How long steps' output waited, over the last minute, from the step's end until it was
     * released: every change made up to then durable, earlier steps' output released first, and
     * the loop back to release it. What a player waits beyond the loop's own work. Any thread.
     */
    public LagStats outputHeld() {
        return held.last(System.nanoTime());
    }

    /** Releases, in order, the output of every step whose changes are durable. */
    private void drain() {
        if (draining) {
            return; // The outer call goes on with what this one would have done.
        }
        draining = true;
        try {
            Step head;
            while ((head = releases.peek()) != null) {
                if (!head.durable.isDone()) {
                    if (!head.watched) {
                        head.watched = true;
                        head.durable.whenComplete((ok, failure) -> loop.execute(this::drain));
                    }
                    return;
                }
                releases.poll();
                long now = System.nanoTime();
                held.record(now - head.endedNanos, now);
                head.output.forEach(Runnable::run);
                if (head.session == null) {
                    continue; // the game's own work: nobody typed it, nobody is busy with it
                }
                if (head.durable.isCompletedExceptionally()) {
                    head.session.send("Warning: the game could not save that change; it will be lost when the"
                            + " server restarts. The error has been logged.");
                }
                finished(head.session);
            }
        } finally {
            draining = false;
        }
    }

    private void finished(Session s) {
        Integer left = outstanding.computeIfPresent(s, (k, n) -> n <= 1 ? null : n - 1);
        if (left != null) {
            return;
        }
        s.busy(false);
        if (!s.closed()) {
            pumpNext(s);
        }
        quietIfIdle();
    }

    /** Completes a {@link #pause}'s future once nothing is unfinished. */
    private void quietIfIdle() {
        if (outstanding.isEmpty() && gameWork.isEmpty() && quiet != null) {
            CompletableFuture<Void> q = quiet;
            quiet = null;
            q.complete(null);
        }
    }

    private void pumpNext(Session s) {
        if (paused || s.closed() || s.busy()) {
            return;
        }
        String next = s.queuedLines().poll();
        if (next == null) {
            s.overflowWarned(false);
            return;
        }
        step(s, () -> s.handler().onLine(s, next));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
