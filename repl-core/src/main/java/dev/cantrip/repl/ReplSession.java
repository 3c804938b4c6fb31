package dev.cantrip.repl;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One user's Java state: variables, methods, types and imports that stay between evaluations,
 * until {@link #reset}, {@link #close} or the engine's idle eviction.
 *
 * <p>Every operation that returns a future runs on the session's own worker, one at a time and in
 * the order called, and returns at once; the others answer at once. A session may be used from
 * any thread. Snippet code itself runs
 * through the {@link SnippetRunner} given with each call. Once the session has ended, operations
 * fail with {@link SessionEndedException}.
 *
 * <p>Compiling is held to the engine's {@link EngineConfig#compileCpu() compile budget}: an
 * operation whose compile passes it is given up (an evaluation ends with a
 * {@link SnippetOutcome.Stopped} saying so, its code never runs), the runner is told
 * ({@link SnippetRunner#compileGivenUp}), and the session goes on with a fresh, empty state while
 * javac finishes on its own thread. Operations that compile (evaluations, completions,
 * documentation, drops) of one owner run {@link EngineConfig#compilesPerOwner()} at a time, a
 * given-up compile counted until it ends.
 */
public interface ReplSession {

    /** The label given at {@link ReplEngine#open}, for logs. */
    String label();

    /**
     * Evaluates input holding one or more snippets ({@code int a = 2; int b = 3; a * b}), each in
     * turn; a snippet that fails does not stop the ones after it.
     *
     * @param runner where snippet code runs
     * @param each told of each snippet's outcome as soon as it is known, on the worker
     */
    CompletableFuture<Evaluation> evaluate(String input, SnippetRunner runner, Consumer<SnippetOutcome> each);

    /** Whether {@code input} is ready to evaluate or needs more lines. */
    CompletableFuture<Completeness> completeness(String input);

    /** Completion candidates at {@code cursor} in {@code code}. */
    CompletableFuture<Completions> complete(String code, int cursor);

    /** Signatures and javadoc of what the code at {@code cursor} refers to. */
    CompletableFuture<List<Documentation>> documentation(String code, int cursor);

    /** The session's active declarations and what ran, in order, without the engine's startup. */
    CompletableFuture<List<SnippetInfo>> snippets();

    /** The variables, bindings first, with values rendered through {@code runner}. */
    CompletableFuture<List<Variable>> variables(SnippetRunner runner);

    /** The imports in effect, the engine's own included. */
    CompletableFuture<List<String>> imports();

    /** Drops the declarations named {@code name} (every overload of a method); returns what went. */
    CompletableFuture<List<SnippetInfo>> drop(String name);

    /** Throws away every declaration and starts from a fresh state; the history is kept. */
    CompletableFuture<Void> reset();

    /**
     * Measures what the session keeps between evaluations (its variables' values and the static
     * fields of its initialized classes, walked a bounded number of objects deep: {@link RetainedSize})
     * and, past {@code limitBytes}, lets go of what put it over: what was declared since the last
     * measure first, largest first, then the rest (a static field is set to null); if that is not
     * enough, the whole state is cleared. Runs no snippet code. {@link Long#MAX_VALUE}
     * measures only. Runs on the session's worker, after whatever was asked before it.
     */
    CompletableFuture<Retained> keepWithin(long limitBytes);

    /** The inputs evaluated so far, oldest first (a bounded number of the latest). */
    List<String> history();

    /** Why the session ended, or empty while it is open. */
    Optional<EndReason> ended();

    /** Ends the session once any evaluation in progress finishes; idempotent. */
    void close();
}
