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
 * the two runs at any time; the handover ({@link Baton}) orders everything either did before it.
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

    SlicedRunner(Executor turns, Consumer<Thread> lend, Duration maxTurn, Consumer<CompletableFuture<Void>> givenUp) {
        this.turns = Objects.requireNonNull(turns, "turns");
        this.lend = Objects.requireNonNull(lend, "lend");
        this.givenUp = Objects.requireNonNull(givenUp, "givenUp");
        this.maxTurnNanos = maxTurn.toNanos();
        if (maxTurnNanos <= 0) {
            throw new IllegalArgumentException("maxTurn must be positive, got " + maxTurn);
        }
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
        Baton baton = new Baton(done);
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
        Baton.Ended how = baton.giveTurn(maxTurnNanos, lend);
        switch (how) {
            case YIELDED -> {
                try {
                    turns.execute(() -> turn(baton));
                } catch (RejectedExecutionException e) {
                    baton.abandon(); // the host is stopping: the run's thread is released, and stopped
                }
            }
            case TIMED_OUT -> {
                LOG.log(System.Logger.Level.WARNING, "a snippet run on " + baton.thread + " did not end its turn"
                        + " within " + maxTurnNanos / 1_000_000 + " ms (stuck inside the JDK?); the game went on without it");
                baton.done.completeExceptionally(new StuckRunException("it was still running inside the JDK after "
                        + RunContext.seconds(maxTurnNanos) + ", where it cannot be stopped; the game went on without it"));
                givenUp.accept(baton.left);
            }
            case SUSPENDED -> baton.resumeWhen.whenComplete((v, f) -> {
                try {
                    turns.execute(() -> turn(baton));
                } catch (RejectedExecutionException e) {
                    baton.abandon(); // the host is stopping: the waiting run is released, and stopped
                }
            });
            case FINISHED -> { }
        }
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

    /** The turn between the two threads. */
    private static final class Baton {
        enum Ended { YIELDED, SUSPENDED, FINISHED, TIMED_OUT }

        private enum State { WAITING, RUNNING, YIELDED, SUSPENDED, FINISHED, ABANDONED }

        final CompletableFuture<?> done;
        // Completes when the run's thread has left the snippet's code, even after its turn was given up.
        final CompletableFuture<Void> left = new CompletableFuture<>();
        private State state = State.WAITING;
        Thread thread; // written once, under the lock, by the run's thread
        CompletableFuture<?> resumeWhen; // while suspended: the next turn is handed out when it completes

        Baton(CompletableFuture<?> done) {
            this.done = done;
        }

        /**
         * Hands the turn to the run, lending it the caller's place, and waits until it yields,
         * finishes, or the time is up.
         */
        synchronized Ended giveTurn(long maxNanos, Consumer<Thread> lend) {
            boolean interrupted = false;
            try {
                while (thread == null && state == State.WAITING) { // its thread has not started yet
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (state == State.FINISHED || state == State.ABANDONED) {
                    return Ended.FINISHED;
                }
                lend.accept(thread);
                try {
                    state = State.RUNNING;
                    notifyAll();
                    long deadline = System.nanoTime() + maxNanos;
                    while (state == State.RUNNING) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            state = State.ABANDONED;
                            notifyAll();
                            return Ended.TIMED_OUT;
                        }
                        try {
                            wait(Math.max(1, left / 1_000_000));
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
        synchronized boolean suspendTurn(CompletableFuture<?> until) throws InterruptedException {
            if (state != State.RUNNING) {
                return false;
            }
            resumeWhen = until;
            state = State.SUSPENDED;
            notifyAll();
            return awaitTurn(Long.MAX_VALUE);
        }

        /** On the run's thread: ends its turn and waits for the next. */
        synchronized boolean yieldTurn(long maxNanos) throws InterruptedException {
            if (state != State.RUNNING) {
                return false; // given up already
            }
            state = State.YIELDED;
            notifyAll();
            return awaitTurn(maxNanos);
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
