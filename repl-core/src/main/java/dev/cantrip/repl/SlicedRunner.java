package dev.cantrip.repl;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link SnippetRunner#inSlices}: snippet code on a platform thread of its own (so its CPU time
 * and allocations are counted), taking turns with the thread that hands them out. Exactly one of
 * the two runs snippet code at any time; the handover ({@link Baton}) orders everything either did
 * before it.
 *
 * <p>A turn that has not ended after {@code turnWait} while the run is inside a JDK call its
 * snippet code made (where no check reaches; not host code, which keeps the turn) is <em>revoked</em>: the lend ends and the turn-giver goes on, so a bystander
 * waits at most that long. The run goes on detached: when its thread next reaches a check it asks
 * for a new turn and waits for it, queued like any other, so its snippet code never runs without
 * the turn. Only a run still detached {@code maxTurn} after its turn began is given up for good
 * ({@link StuckRunException}; the host holds back that user's next runs until its thread is out).
 */
final class SlicedRunner implements SnippetRunner {

    private static final System.Logger LOG = System.getLogger(SlicedRunner.class.getName());
    // A run's thread waits for its next turn at most this long past maxTurn before it gives up.
    private static final long TURN_WAIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);
    // A deep stack: the call depth budget, not the stack, should end a deep recursion, so that a
    // StackOverflowError never lands in JDK code (a class initializer it hits stays broken).
    private static final long STACK_BYTES = 64L << 20;
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("cantrip-snippet-", 1).daemon().stackSize(STACK_BYTES).factory());
    private static final ThreadLocal<Baton> BATON = new ThreadLocal<>();

    private final Executor turns;
    private final Consumer<Thread> lend;
    private final Consumer<CompletableFuture<Void>> givenUp;
    private final long maxTurnNanos;
    private final long turnWaitNanos;

    /**
     * @param maxTurn how long after its turn began a run still inside the JDK (its turn revoked)
     *     is given up for good
     * @param turnWait how long the turn-giver waits for a turn to end before it revokes it (at
     *     most {@code maxTurn})
     */
    SlicedRunner(Executor turns, Consumer<Thread> lend, Duration maxTurn, Duration turnWait,
                 Consumer<CompletableFuture<Void>> givenUp) {
        this.turns = Objects.requireNonNull(turns, "turns");
        this.lend = Objects.requireNonNull(lend, "lend");
        this.givenUp = Objects.requireNonNull(givenUp, "givenUp");
        this.maxTurnNanos = maxTurn.toNanos();
        if (maxTurnNanos <= 0) {
            throw new IllegalArgumentException("maxTurn must be positive, got " + maxTurn);
        }
        if (!turnWait.isPositive()) {
            throw new IllegalArgumentException("turnWait must be positive, got " + turnWait);
        }
        this.turnWaitNanos = Math.min(turnWait.toNanos(), maxTurnNanos);
    }

    @Override
    public boolean slices() {
        return true;
    }

    /** A compile given up is held back like a stuck run: the host hears of it the same way. */
    @Override
    public void compileGivenUp(CompletableFuture<Void> left) {
        givenUp.accept(left);
    }

    /** A turn was given up: the run is still inside the JDK on its thread, which the game no longer waits for. */
    static final class StuckRunException extends Exception {
        private static final long serialVersionUID = 1L;

        StuckRunException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public <T> T run(Callable<T> code) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Baton baton = new Baton(done, this);
        THREADS.execute(() -> {
            BATON.set(baton);
            try {
                if (baton.awaitTurn(Long.MAX_VALUE)) {
                    done.complete(code.call());
                } else {
                    done.completeExceptionally(new RejectedExecutionException("its turn never came"));
                }
            } catch (Throwable t) {
                done.completeExceptionally(t);
            } finally {
                BATON.remove();
                baton.finish();
                baton.left.complete(null);
            }
        });
        try {
            turns.execute(() -> turn(baton));
        } catch (RejectedExecutionException e) {
            baton.abandon();
            throw e;
        }
        try {
            return RunResult.await(done);
        } catch (InterruptedException e) {
            baton.abandon();
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    /** One turn, on the thread that hands them out: lends itself to the run and waits for it. */
    private void turn(Baton baton) {
        Baton.Ended how = baton.giveTurn(turnWaitNanos, maxTurnNanos, lend);
        switch (how) {
            case YIELDED -> queueTurn(baton);
            case TIMED_OUT -> {
                // Stuck in a JDK call that host code made: not revoked (host code runs only with the
                // turn), given up once stuck for maxTurn, as the run's thread cannot be stopped.
                LOG.log(System.Logger.Level.WARNING, "a snippet run on " + baton.thread + " did not end its turn"
                        + " within " + maxTurnNanos / 1_000_000 + " ms (stuck inside the JDK under host code?); the"
                        + " game went on without it");
                baton.done.completeExceptionally(new StuckRunException("it was still running inside the JDK after "
                        + RunContext.seconds(maxTurnNanos) + ", where it cannot be stopped; the game went on without it"));
                givenUp.accept(baton.left);
            }
            case REVOKED -> {
                LOG.log(System.Logger.Level.WARNING, "a snippet run on " + baton.thread + " did not end its turn"
                        + " within " + turnWaitNanos / 1_000_000 + " ms (inside the JDK?); the game goes on, and it"
                        + " waits for a new turn at its next check");
                // Given up for good once stuck for maxTurn in all since the turn began.
                long detachedAt = baton.detachedAt();
                long rest = baton.turnStartedAt() + maxTurnNanos - System.nanoTime();
                if (rest <= 0) {
                    giveUpIfStillDetached(baton, detachedAt);
                } else {
                    CompletableFuture.delayedExecutor(rest, TimeUnit.NANOSECONDS, Runnable::run)
                            .execute(() -> giveUpIfStillDetached(baton, detachedAt));
                }
            }
            case SUSPENDED -> baton.resumeWhen.whenComplete((v, f) -> queueTurn(baton));
            case FINISHED -> { }
        }
    }

    /** Queues the run's next turn; if the host is stopping, the run is released, and stopped. Any thread. */
    private void queueTurn(Baton baton) {
        try {
            turns.execute(() -> turn(baton));
        } catch (RejectedExecutionException e) {
            baton.abandon();
        }
    }

    /** The run is still detached {@code maxTurn} after its turn began: it is given up for good. */
    private void giveUpIfStillDetached(Baton baton, long detachedAt) {
        if (!baton.abandonIfDetachedSince(detachedAt)) {
            return; // it reached a check (or ended) in time
        }
        LOG.log(System.Logger.Level.WARNING, "a snippet run on " + baton.thread + " was still inside the JDK "
                + maxTurnNanos / 1_000_000 + " ms after its turn began; it is given up");
        baton.done.completeExceptionally(new StuckRunException("it was still running inside the JDK after "
                + RunContext.seconds(maxTurnNanos) + ", where it cannot be stopped; the game went on without it"));
        givenUp.accept(baton.left);
    }

    @Override
    public void suspend(CompletableFuture<?> until) throws InterruptedException {
        suspendHere(until);
    }

    /**
     * The code on the calling thread, if it runs in turns for a sliced runner, gives its turn back
     * until {@code until} completes (see {@link SnippetRunner#suspend}); any other thread simply
     * waits for {@code until}.
     */
    static void suspendHere(CompletableFuture<?> until) throws InterruptedException {
        Baton baton = BATON.get();
        if (baton == null) {
            SnippetRunner.direct().suspend(until);
            return;
        }
        if (!baton.suspendTurn(until)) {
            throw new InterruptedException("the run's next turn did not come");
        }
    }

    /**
     * On a run's thread whose turn was revoked (it was inside the JDK) and which is about to touch
     * the host's state from host code, before reaching a check: asks for a new turn and waits for
     * it. Returns whether the calling thread has a turn now (false on any other thread, or if the
     * run was given up or interrupted meanwhile; the interrupt is kept).
     */
    static boolean reclaimTurn() {
        Baton baton = BATON.get();
        if (baton == null) {
            return false;
        }
        try {
            return baton.reclaim(baton.runner.maxTurnNanos + TURN_WAIT_GRACE_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void endSlice() throws InterruptedException {
        Baton baton = BATON.get();
        if (baton == null) {
            return;
        }
        if (!baton.yieldTurn(maxTurnNanos + TURN_WAIT_GRACE_NANOS)) {
            throw new InterruptedException("the run's next turn did not come");
        }
    }

    /**
     * Whether {@code t} is inside code that neither touches the host's state nor needs the turn:
     * its innermost frame outside the JDK, the engine and the sandbox's stand-ins for JDK calls is
     * snippet code (or there is none). Host code in progress (a game object's method that called
     * into the JDK) must keep the turn: its turn is not revoked. Costs a stack walk of {@code t}:
     * only when a turn has gone on for longer than it should.
     */
    static boolean insideJdkCallOfSnippet(Thread t) {
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.")
                    || c.startsWith("com.sun.") || c.startsWith("dev.cantrip.repl.")
                    || c.startsWith("dev.cantrip.sandbox.facade.")) {
                continue;
            }
            return c.startsWith("REPL.");
        }
        return true;
    }

    /** The turn between the two threads. */
    private static final class Baton {
        enum Ended { YIELDED, SUSPENDED, FINISHED, REVOKED, TIMED_OUT }

        // DETACHED: the turn was revoked while the run was inside the JDK; it has no turn, and asks
        // for one at its next check.
        private enum State { WAITING, RUNNING, YIELDED, SUSPENDED, DETACHED, FINISHED, ABANDONED }

        final CompletableFuture<?> done;
        private final SlicedRunner runner;
        // Completes when the run's thread has left the snippet's code, even after it was given up.
        final CompletableFuture<Void> left = new CompletableFuture<>();
        private State state = State.WAITING;
        private long detachedAt; // when the turn was last revoked
        private long turnStartedAt; // when the last turn was handed out
        Thread thread; // written once, under the lock, by the run's thread
        CompletableFuture<?> resumeWhen; // while suspended: the next turn is handed out when it completes

        Baton(CompletableFuture<?> done, SlicedRunner runner) {
            this.done = done;
            this.runner = runner;
        }

        /**
         * Hands the turn to the run, lending it the caller's place, and waits until it yields or
         * finishes. Past {@code waitNanos} a run inside a JDK call that snippet code made is
         * detached (its turn revoked); one inside host code is waited for, up to {@code maxNanos}
         * in all (then the turn times out: it is given up).
         */
        synchronized Ended giveTurn(long waitNanos, long maxNanos, Consumer<Thread> lend) {
            boolean interrupted = false;
            try {
                while (thread == null && state == State.WAITING) { // its thread has not started yet
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (state != State.WAITING && state != State.YIELDED && state != State.SUSPENDED) {
                    return Ended.FINISHED; // ended, given up, or (never expected) a turn it did not ask for
                }
                lend.accept(thread);
                try {
                    state = State.RUNNING;
                    notifyAll();
                    long start = System.nanoTime();
                    turnStartedAt = start;
                    long giveUpAt = start + maxNanos;
                    long lookAt = start + waitNanos;
                    while (state == State.RUNNING) {
                        long now = System.nanoTime();
                        if (now - giveUpAt >= 0) {
                            state = State.ABANDONED;
                            notifyAll();
                            return Ended.TIMED_OUT;
                        }
                        if (now - lookAt >= 0) {
                            if (insideJdkCallOfSnippet(thread)) {
                                state = State.DETACHED;
                                detachedAt = now;
                                return Ended.REVOKED;
                            }
                            lookAt = now + waitNanos; // host code is running: look again later
                        }
                        try {
                            wait(Math.max(1, (Math.min(giveUpAt, lookAt) - now) / 1_000_000));
                        } catch (InterruptedException e) {
                            interrupted = true; // the turn-giver is the host's thread: its flag is kept for later
                        }
                    }
                    return state == State.YIELDED ? Ended.YIELDED
                            : state == State.SUSPENDED ? Ended.SUSPENDED : Ended.FINISHED;
                } finally {
                    lend.accept(null);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        synchronized long detachedAt() {
            return detachedAt;
        }

        synchronized long turnStartedAt() {
            return turnStartedAt;
        }

        /** Gives the run up if it is still detached since {@code since}; returns whether it did. */
        synchronized boolean abandonIfDetachedSince(long since) {
            if (state != State.DETACHED || detachedAt != since) {
                return false;
            }
            state = State.ABANDONED;
            notifyAll();
            return true;
        }

        /** On the run's thread: waits for its turn. Returns false if none came in time or it was given up. */
        synchronized boolean awaitTurn(long maxNanos) throws InterruptedException {
            if (thread == null) {
                thread = Thread.currentThread();
                notifyAll();
            }
            long deadline = maxNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + maxNanos;
            while (state != State.RUNNING) {
                if (state == State.ABANDONED) {
                    return false;
                }
                long left = deadline == Long.MAX_VALUE ? 0 : deadline - System.nanoTime();
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    state = State.ABANDONED;
                    return false;
                }
                wait(left == 0 ? 0 : Math.max(1, left / 1_000_000));
            }
            return true;
        }

        /**
         * On the run's thread: ends its turn; the next is handed out once {@code until} completes,
         * however long that takes. Returns false if the run was given up.
         */
        boolean suspendTurn(CompletableFuture<?> until) throws InterruptedException {
            synchronized (this) {
                if (state == State.RUNNING) {
                    resumeWhen = until;
                    state = State.SUSPENDED;
                    notifyAll();
                    return awaitTurn(Long.MAX_VALUE);
                }
                if (state != State.DETACHED) {
                    return false; // given up already
                }
                state = State.WAITING; // its turn was revoked: it asks for one once until completes
            }
            until.whenComplete((v, f) -> runner.queueTurn(this));
            synchronized (this) {
                return awaitTurn(Long.MAX_VALUE);
            }
        }

        /** On the run's thread: ends its turn (or, detached, asks for one) and waits for the next. */
        boolean yieldTurn(long maxNanos) throws InterruptedException {
            synchronized (this) {
                if (state == State.RUNNING) {
                    state = State.YIELDED;
                    notifyAll();
                    return awaitTurn(maxNanos);
                }
                if (state != State.DETACHED) {
                    return false; // given up already
                }
                state = State.WAITING; // back from the JDK after its turn was revoked: it queues for a new one
            }
            runner.queueTurn(this);
            synchronized (this) {
                return awaitTurn(maxNanos);
            }
        }

        /** On the run's thread: if its turn was revoked, asks for one and waits; whether it has one now. */
        boolean reclaim(long maxNanos) throws InterruptedException {
            synchronized (this) {
                if (state == State.RUNNING) {
                    return thread == Thread.currentThread();
                }
                if (state != State.DETACHED || thread != Thread.currentThread()) {
                    return false;
                }
                state = State.WAITING;
            }
            runner.queueTurn(this);
            synchronized (this) {
                return awaitTurn(maxNanos);
            }
        }

        synchronized void finish() {
            if (state != State.ABANDONED) {
                state = State.FINISHED;
            }
            notifyAll();
        }

        synchronized void abandon() {
            if (state != State.FINISHED) {
                state = State.ABANDONED;
            }
            notifyAll();
        }
    }
}
