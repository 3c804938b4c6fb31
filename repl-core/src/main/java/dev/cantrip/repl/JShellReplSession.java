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

    private final long id;
    private final String label;
    private final DefaultReplEngine engine;
    private final SerialExecutor worker;
    private final Map<String, Supplier<?>> bindings;
    private final Consumer<String> output;
    private final Deque<String> history = new ArrayDeque<>();
    private volatile EndReason ended;
    private JShellInstance instance; // worker only

    JShellReplSession(long id, String label, DefaultReplEngine engine, SerialExecutor worker,
                      Map<String, Supplier<?>> bindings, Consumer<String> output) {
        this.id = id;
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
        return submit(() -> {
            synchronized (history) {
                history.addLast(input);
                if (history.size() > HISTORY) {
                    history.removeFirst();
                }
            }
            // Each snippet counts as use (a long input is not idle), and an input whose session ended
            // meanwhile still runs to its end, as typed; only a stopping engine cuts it short.
            renewIfWorn();
            return instance().evaluate(input, runner, each, () -> {
                engine.touch(this);
                return Thread.currentThread().isInterrupted();
            });
        });
    }

    @Override
    public CompletableFuture<Completeness> completeness(String input) {
        Objects.requireNonNull(input, "input");
        return submit(() -> instance().completeness(input));
    }

    @Override
    public CompletableFuture<Completions> complete(String code, int cursor) {
        checkCursor(code, cursor);
        return submit(() -> instance().complete(code, cursor));
    }

    @Override
    public CompletableFuture<List<Documentation>> documentation(String code, int cursor) {
        checkCursor(code, cursor);
        return submit(() -> instance().documentation(code, cursor));
    }

    @Override
    public CompletableFuture<List<SnippetInfo>> snippets() {
        return submit(() -> instance().snippets());
    }

    @Override
    public CompletableFuture<List<Variable>> variables(SnippetRunner runner) {
        Objects.requireNonNull(runner, "runner");
        return submit(() -> instance().variables(runner));
    }

    @Override
    public CompletableFuture<List<String>> imports() {
        return submit(() -> instance().imports());
    }

    @Override
    public CompletableFuture<List<SnippetInfo>> drop(String name) {
        Objects.requireNonNull(name, "name");
        return submit(() -> instance().drop(name));
    }

    @Override
    public CompletableFuture<Void> reset() {
        return submit(() -> {
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
        return submit(() -> {
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
            instance = engine.takeInstance();
            instance.attach(bindings, output);
        }
        return instance;
    }

    private <T> CompletableFuture<T> submit(Callable<T> task) {
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
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                engine.touch(this);
            }
        });
        return result;
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
