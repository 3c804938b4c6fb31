package dev.cantrip.repl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link ReplSession} on a pooled {@link JShellInstance}, taken on first use. Every operation is
 * a task on the session's {@link SerialExecutor}; ending the session is one more task, so an
 * instance is never closed in the middle of an evaluation.
 */
final class JShellReplSession implements ReplSession {

    private static final int HISTORY = 200;
    private static final System.Logger LOG = System.getLogger(JShellReplSession.class.getName());

    private final long id;
    private final String label;
    private final DefaultReplEngine engine;
    private final SerialExecutor worker;
    private final Object owner;
    private final Map<String, Supplier<?>> bindings;
    private final Consumer<String> output;
    private final Deque<String> history = new ArrayDeque<>();
    private volatile EndReason ended;
    // Worker only, but volatile: a compile given up past its budget leaves it behind (from the
    // watchdog's thread), and the session's next task, on another thread, takes a fresh one.
    private volatile JShellInstance instance;

    JShellReplSession(long id, String label, DefaultReplEngine engine, SerialExecutor worker, Object owner,
                      Map<String, Supplier<?>> bindings, Consumer<String> output) {
        this.id = id;
        this.owner = owner == null ? this : owner;
        this.label = label;
        this.engine = engine;
        this.worker = worker;
        this.bindings = Map.copyOf(bindings);
        this.output = output;
    }

    long id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public CompletableFuture<Evaluation> evaluate(String input, SnippetRunner runner, Consumer<SnippetOutcome> each) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(each, "each");
        return submit(runner, true, reason -> {
            SnippetOutcome.Stopped stopped = new SnippetOutcome.Stopped(input.strip(), reason);
            each.accept(stopped);
            return new Evaluation(input, List.of(stopped), java.time.Duration.ZERO, java.time.Duration.ZERO);
        }, () -> {
            synchronized (history) {
                history.addLast(input);
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            // Each snippet counts as use (a long input is not idle), and an input whose session ended
            // meanwhile still runs to its end, as typed; only a stopping engine cuts it short.
            renewIfWorn();
            CompileWatch.Meter meter = CompileWatch.current();
            // Once given up, nothing more of it is told: the user was told why it stopped.
            Consumer<SnippetOutcome> told = meter == null ? each : o -> {
                synchronized (meter) {
                    if (!meter.givenUp()) {
                        each.accept(o);
                    }
                }
            };
            return instance().evaluate(input, runner, told, () -> {
                engine.touch(this);
                return Thread.currentThread().isInterrupted() || meter != null && meter.givenUp();
            });
        });
    }

    @Override
    public CompletableFuture<Completeness> completeness(String input) {
        Objects.requireNonNull(input, "input");
        return submit(null, false, reason -> Completeness.COMPLETE, () -> instance().completeness(input));
    }

    @Override
    public CompletableFuture<Completions> complete(String code, int cursor) {
        checkCursor(code, cursor);
        return submit(null, true, reason -> new Completions(cursor, List.of()), () -> instance().complete(code, cursor));
    }

    @Override
    public CompletableFuture<List<Documentation>> documentation(String code, int cursor) {
        checkCursor(code, cursor);
        return submit(null, true, reason -> List.of(), () -> instance().documentation(code, cursor));
    }

    @Override
    public CompletableFuture<List<SnippetInfo>> snippets() {
        return submit(null, false, reason -> List.of(), () -> instance().snippets());
    }

    @Override
    public CompletableFuture<List<Variable>> variables(SnippetRunner runner) {
        Objects.requireNonNull(runner, "runner");
        return submit(runner, false, reason -> List.of(), () -> instance().variables(runner));
    }

    @Override
    public CompletableFuture<List<String>> imports() {
        return submit(null, false, reason -> List.of(), () -> instance().imports());
    }

    @Override
    public CompletableFuture<List<SnippetInfo>> drop(String name) {
        Objects.requireNonNull(name, "name");
        return submit(null, true, reason -> List.of(), () -> instance().drop(name));
    }

    @Override
    public CompletableFuture<Void> reset() {
        return submit(null, false, reason -> null, () -> {
            if (instance != null) {
                JShellInstance old = instance;
                instance = null;
                old.close();
            }
            instance();
            return null;
        });
    }

    // At most this many objects per measure of what a session keeps: about 20 ms of walking.
    static final int RETAINED_VISITS = 250_000;
    // The variables at the last measure: those not among them were declared since. Worker only.
    private final java.util.Set<String> measuredNames = new java.util.HashSet<>();

    @Override
    public CompletableFuture<Retained> keepWithin(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("limitBytes must not be negative, got " + limitBytes);
        }
        return submit(null, false, reason -> Retained.nothing(limitBytes), () -> {
            if (instance == null) {
                return Retained.nothing(limitBytes);
            }
            Retained r = instance.keepWithin(limitBytes, RETAINED_VISITS, measuredNames);
            if (r.cleared()) {
                JShellInstance old = instance;
                instance = null; // a fresh one at the next use
                old.close();
            }
            return r;
        });
    }

    @Override
    public List<String> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public Optional<EndReason> ended() {
        return Optional.ofNullable(ended);
    }

    @Override
    public void close() {
        end(EndReason.CLOSED);
    }

    /** Ends the session for {@code reason}; the instance closes after any evaluation in progress. */
    void end(EndReason reason) {
        synchronized (this) {
            if (ended != null) {
                return;
            }
            ended = reason;
        }
        engine.forget(this);
        worker.execute(() -> {
            if (instance != null) {
                JShellInstance i = instance;
                instance = null;
                i.close();
            }
        });
    }

    /** Moves the state to a fresh instance once the current one has evaluated a lot; says what was lost. */
    private void renewIfWorn() {
        if (instance == null || !instance.worn()) {
            return;
        }
        // The engine's upkeep, not this input's compile: declarations that each compiled within the
        // budget are compiled again here, about once per ten evaluations of each.
        CompileWatch.Meter.paused(CompileWatch.current(), () -> {
            renew();
            return null;
        });
    }

    private void renew() {
        JShellInstance old = instance;
        JShellInstance fresh = engine.takeInstance();
        fresh.attach(bindings, output);
        List<String> lost = old.carryTo(fresh);
        instance = fresh;
        old.close();
        String because = old.retiredBecause();
        String why = because == null || because.isEmpty() ? "to keep it fast" : because;
        if (!lost.isEmpty()) {
            output.accept("[Your Java state was moved to a fresh JShell " + why + "; not kept: "
                    + String.join("; ", lost) + "]");
        } else if (because != null && !because.isEmpty()) {
            output.accept("[Your Java state was moved to a fresh JShell " + why + ".]");
        }
    }

    private JShellInstance instance() {
        if (instance == null) {
            // Building a JShell (when the pool is empty) is the engine's work, not the input's compile.
            JShellInstance taken = CompileWatch.Meter.paused(CompileWatch.current(), engine::takeInstance);
            taken.attach(bindings, output);
            instance = taken;
        }
        return instance;
    }

    /**
     * Runs {@code task} on the session's worker, within the compile budget and, if it
     * {@code compiles} the user's code, one of the owner's compile slots. Past the budget,
     * {@code givenUp} makes the caller's answer from the reason (and tells the user what it must),
     * the host's {@code runner} hears of it (so it can hold back the owner's next input until the
     * compile has ended), and the session goes on without the task: its next tasks run on another
     * thread, with a fresh JShell.
     */
    private <T> CompletableFuture<T> submit(SnippetRunner runner, boolean compiles,
                                            java.util.function.Function<String, T> givenUp, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        EndReason e = ended;
        if (e != null) {
            result.completeExceptionally(new SessionEndedException(e));
            return result;
        }
        engine.touch(this);
        worker.execute(() -> {
            EndReason now = ended;
            if (now != null) {
                result.completeExceptionally(new SessionEndedException(now));
                return;
            }
            // Only what compiles the user's code takes a slot: a listing or a completeness check
            // (a parse) goes on beside the owner's stuck compile, on the fresh JShell.
            CompileWatch.Slots slots = compiles ? engine.compileSlots() : null;
            try {
                if (slots != null) {
                    slots.acquire(owner);
                }
            } catch (InterruptedException stopping) {
                result.completeExceptionally(new SessionEndedException(EndReason.ENGINE_STOPPED));
                return;
            }
            SerialExecutor.Turn turn = worker.current();
            CompletableFuture<Void> left = new CompletableFuture<>();
            GiveUp handover = new GiveUp();
            CompileWatch.Meter meter = engine.compileWatch().start(engine.compileBudget(), () -> {
                synchronized (handover) {
                    if (handover.taskDone) {
                        return; // it ended just now: its answer is given
                    }
                    // The stuck instance is the session's no more; its thread closes it when javac returns.
                    handover.abandoned = instance;
                    instance = null;
                }
                worker.detach(turn);
                LOG.log(System.Logger.Level.WARNING, () -> this + ": compiling went past its budget of "
                        + engine.compileBudget().toMillis() + " ms of CPU time; given up (javac goes on until it ends); last input: "
                        + abbreviated(history()));
                if (runner != null) {
                    runner.compileGivenUp(left); // first: the host holds back the owner before they hear of it
                }
                try {
                    result.complete(givenUp.apply(givenUpReason(engine.compileBudget())));
                } catch (RuntimeException failed) {
                    result.completeExceptionally(failed);
                }
            });
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                meter.close();
                JShellInstance stuck;
                synchronized (handover) {
                    handover.taskDone = true;
                    stuck = handover.abandoned;
                }
                if (stuck != null) {
                    stuck.close();
                }
                if (slots != null) {
                    slots.release(owner);
                }
                left.complete(null);
                engine.touch(this);
            }
        });
        return result;
    }

    private static String abbreviated(List<String> history) {
        String last = history.isEmpty() ? "" : history.getLast();
        return last.length() <= 200 ? last : last.substring(0, 200) + "... (" + last.length() + " characters)";
    }

    /** Between a task and its give-up: who closes the instance it leaves behind. */
    private static final class GiveUp {
        boolean taskDone;
        JShellInstance abandoned;
    }

    /** What the user is told when an operation of theirs is given up past the compile budget. */
    static String givenUpReason(java.time.Duration budget) {
        return "compiling it took more than " + RunContext.seconds(budget.toNanos()) + " of CPU time (its compile"
                + " budget); the compiler cannot be stopped midway, so your Java state was cleared (a fresh JShell) and"
                + " your java waits until that compile ends: split the code into smaller steps with local variables";
    }

    private static void checkCursor(String code, int cursor) {
        Objects.requireNonNull(code, "code");
        if (cursor < 0 || cursor > code.length()) {
            throw new IndexOutOfBoundsException("cursor " + cursor + " is outside the code (length " + code.length() + ")");
        }
    }

    @Override
    public String toString() {
        return "ReplSession " + id + " (" + label + ")";
    }
}
