package dev.cantrip.repl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The engine: shared workers, a pool of warm instances, a watchdog for run time limits, and the
 * open sessions in a Caffeine cache that ends those idle for longer than the configured time.
 */
final class DefaultReplEngine implements ReplEngine {

    // A call on the host's executor still running this long after it was stopped (past its wall
    // budget, or cancelled) is stuck inside the JDK (a stop is heeded at the next check, the
    // interrupt a second after): it is given up, so nothing waits on it for ever.
    static final java.time.Duration GIVE_UP_GRACE = java.time.Duration.ofMillis(1500);

    private final EngineConfig config;
    private final ExecutorService workers;
    private final CompileWatch compileWatch;
    private final CompileWatch.Slots compileSlots;
    private final ExecutorService callers;
    private final ScheduledExecutorService poolBuilder;
    private final ScheduledThreadPoolExecutor watchdog;
    private final InstancePool pool;
    private final Cache<Long, JShellReplSession> sessions;
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;

    DefaultReplEngine(EngineConfig config) {
        this.config = config;
        // Platform threads, one per task in progress (cached): javac runs here, and only a platform
        // thread has a CPU counter (the compile budget reads it) and is preempted by the operating
        // system. On virtual threads two slow compiles held both carriers of a two-core machine,
        // and with them every other session's compile, completion and callback, for minutes. A
        // worker waiting for its run holds a parked thread (no CPU); how many compile at once is
        // bounded per owner (compileSlots), a given-up compile included until javac returns.
        // The default stack size, as the virtual workers had: a direct runner's code runs here too.
        this.workers = Executors.newCachedThreadPool(Thread.ofPlatform().name("cantrip-repl-worker-", 1).daemon()
                .factory());
        // A call's waiting thread (the code itself runs where its runner says): parked, not held.
        this.callers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("cantrip-call-", 1).factory());
        this.poolBuilder = Executors.newSingleThreadScheduledExecutor(daemons("cantrip-repl-pool", Thread.MIN_PRIORITY));
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemons("cantrip-repl-watchdog", Thread.MAX_PRIORITY));
        watchdog.setRemoveOnCancelPolicy(true);
        this.compileWatch = new CompileWatch(watchdog);
        this.compileSlots = new CompileWatch.Slots(config.compilesPerOwner());
        this.sessions = Caffeine.newBuilder()
                .expireAfterAccess(config.idleTimeout())
                .scheduler(Scheduler.systemScheduler())
                .removalListener((Long id, JShellReplSession s, RemovalCause cause) -> {
                    if (s != null && cause == RemovalCause.EXPIRED) {
                        s.end(EndReason.IDLE);
                    }
                })
                .build();
        this.pool = new InstancePool(() -> JShellInstance.build(config, watchdog), poolBuilder, config.poolSize(),
                config.poolDeferred());
    }

    @Override
    public ReplSession open(String label, Map<String, Supplier<?>> bindings, Consumer<String> output) {
        return open(label, null, bindings, output);
    }

    @Override
    public ReplSession open(String label, Object owner, Map<String, Supplier<?>> bindings, Consumer<String> output) {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(bindings, "bindings");
        Objects.requireNonNull(output, "output");
        if (closed) {
            throw new IllegalStateException("the Java engine is stopped");
        }
        for (Binding b : config.bindings()) {
            if (bindings.get(b.name()) == null) {
                throw new IllegalArgumentException("no supplier given for binding '" + b.name() + "'");
            }
        }
        for (String name : bindings.keySet()) {
            if (config.bindings().stream().noneMatch(b -> b.name().equals(name))) {
                throw new IllegalArgumentException("'" + name + "' is not a binding of this engine; its bindings are "
                        + config.bindings().stream().map(Binding::name).toList());
            }
        }
        JShellReplSession s = new JShellReplSession(ids.incrementAndGet(), label, this, new SerialExecutor(workers),
                owner, bindings, output);
        sessions.put(s.id(), s);
        return s;
    }

    @Override
    public <T> Call<T> call(Object madeBy, java.util.concurrent.Callable<T> code, SnippetRunner runner, RunBudget budget) {
        Objects.requireNonNull(runner, "runner");
        return call(madeBy, code, runner, callers, budget, true);
    }

    @Override
    public <T> Call<T> call(Object madeBy, java.util.concurrent.Callable<T> code, java.util.concurrent.Executor on,
                            RunBudget budget) {
        Objects.requireNonNull(on, "on");
        return call(madeBy, code, SnippetRunner.direct(), on, budget, false);
    }

    private <T> Call<T> call(Object madeBy, java.util.concurrent.Callable<T> code, SnippetRunner runner,
                             java.util.concurrent.Executor waiter, RunBudget budget, boolean refresh) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(budget, "budget");
        CodeOwner owner = SnippetLoader.ownerOf(madeBy);
        RunContext ctx = new RunContext(runner, owner == null || !refresh ? () -> { } : owner.bindings()::refresh,
                owner == null ? null : owner.guard(), watchdog, budget, config.timeSlice());
        CompletableFuture<CallOutcome<T>> outcome = new CompletableFuture<>();
        CompletableFuture<Void> left = new CompletableFuture<>();
        // On the host's own executor the code runs directly on its thread: no runner gives it up,
        // so the engine does, once it has gone on for a grace after a stop (its wall budget, a cancel).
        boolean onHostThread = waiter != callers;
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        Call<T> call = new Call<>() {
            @Override
            public CompletableFuture<CallOutcome<T>> outcome() {
                return outcome;
            }

            @Override
            public CompletableFuture<Void> left() {
                return onHostThread ? left : Call.super.left();
            }

            @Override
            public void stop(String reason) {
                ctx.cancel(Objects.requireNonNull(reason, "reason"));
                if (onHostThread && started.compareAndSet(false, true)) {
                    // Still queued on the host's executor: it will never run, and nothing waits for it.
                    outcome.complete(new CallOutcome.Stopped<>(reason));
                    left.complete(null);
                }
            }
        };
        if (closed) {
            outcome.complete(new CallOutcome.Stopped<>("the Java engine has stopped"));
            left.complete(null);
            return call;
        }
        try {
            waiter.execute(() -> {
                if (onHostThread && !started.compareAndSet(false, true)) {
                    return; // stopped while it was queued
                }
                java.util.concurrent.ScheduledFuture<?> watch = onHostThread ? watchForStuck(ctx, outcome) : null;
                CallOutcome<T> result = null;
                try {
                    result = callHere(ctx, code);
                } finally {
                    if (watch != null) {
                        watch.cancel(false);
                    }
                    // Left first: whoever acts on the outcome must find the thread out of the code,
                    // or it would take a call that simply ended for one still stuck inside the JDK.
                    left.complete(null);
                    outcome.complete(result != null ? result : new CallOutcome.Stopped<>("it could not be run"));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            outcome.complete(new CallOutcome.Stopped<>(waiter == callers ? "the Java engine has stopped"
                    : "it could not be started (" + (e.getMessage() == null ? "the workers refused it" : e.getMessage())
                    + ")"));
            left.complete(null);
        }
        return call;
    }

    /**
     * Gives up a call running on the host's thread once it has gone on for {@link #GIVE_UP_GRACE}
     * after it was stopped (it is inside the JDK, where neither the stop nor the interrupt reaches):
     * its outcome completes as stopped, its thread is left to finish.
     */
    private <T> java.util.concurrent.ScheduledFuture<?> watchForStuck(RunContext ctx,
                                                                      CompletableFuture<CallOutcome<T>> outcome) {
        long every = Math.max(50, GIVE_UP_GRACE.toMillis() / 8);
        try {
            return watchdog.scheduleWithFixedDelay(() -> {
                long stoppedFor = ctx.stoppedForNanos();
                if (stoppedFor > GIVE_UP_GRACE.toNanos() && !outcome.isDone()) {
                    String why = ctx.stopReason();
                    outcome.complete(new CallOutcome.Stopped<>((why == null ? "it was stopped" : why)
                            + "; it was still running inside the JDK " + RunContext.seconds(stoppedFor)
                            + " later, where it cannot be stopped, and was given up"));
                }
            }, every, every, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // the engine is stopping
        }
    }

    private <T> CallOutcome<T> callHere(RunContext ctx, java.util.concurrent.Callable<T> code) {
        try {
            return new CallOutcome.Returned<>(ctx.run(() -> {
                try {
                    return code.call();
                } catch (Throwable t) {
                    throw ThrownCopy.described(t);
                }
            }));
        } catch (RunContext.StoppedRun stopped) {
            String why = ctx.stopReason();
            return new CallOutcome.Stopped<>(why == null ? "it was stopped" : why);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return new CallOutcome.Threw<>(Outcomes.failure(e.getCause(), config.hostPackages()));
        } catch (Exception | Error e) {
            return new CallOutcome.Stopped<>("it could not be run (" + e + ")");
        }
    }

    @Override
    public void fillPool() {
        pool.fill();
    }

    @Override
    public Stats stats() {
        sessions.cleanUp();
        return new Stats((int) sessions.estimatedSize(), pool.size());
    }

    CompileWatch compileWatch() {
        return compileWatch;
    }

    CompileWatch.Slots compileSlots() {
        return compileSlots;
    }

    java.time.Duration compileBudget() {
        return config.compileCpu();
    }

    /** Called by a session on each use: it is not idle. */
    void touch(JShellReplSession s) {
        sessions.getIfPresent(s.id());
    }

    /** Called by a session that ended. */
    void forget(JShellReplSession s) {
        sessions.asMap().remove(s.id(), s);
    }

    JShellInstance takeInstance() {
        if (closed) {
            throw new SessionEndedException(EndReason.ENGINE_STOPPED);
        }
        return pool.take();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (JShellReplSession s : sessions.asMap().values()) {
            s.end(EndReason.ENGINE_STOPPED);
        }
        sessions.invalidateAll();
        pool.close();
        poolBuilder.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                finishDropped(workers.shutdownNow()); // interrupts workers waiting on runs that will never come
            }
        } catch (InterruptedException e) {
            finishDropped(workers.shutdownNow());
            Thread.currentThread().interrupt();
        }
        callers.shutdownNow();
        watchdog.shutdownNow();
    }

    /**
     * Runs here the tasks the stopped workers never started. Every session has ended, so each one
     * just fails its caller's future with {@link SessionEndedException} (or closes an instance):
     * no caller is left waiting for ever.
     */
    private static void finishDropped(java.util.List<Runnable> dropped) {
        for (Runnable r : dropped) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // A failing task has completed its own future; the others must still run.
            }
        }
    }

    private static ThreadFactory daemons(String prefix, int priority) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(priority);
            return t;
        };
    }
}
