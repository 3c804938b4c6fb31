package dev.cantrip.repl;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Evaluates Java for many users at once, each in their own {@link ReplSession} backed by an
 * in-process JShell. Host objects are seen by snippets as the live objects they are. Instances are
 * built and warmed in advance (a pool) so that opening a session is quick, and sessions nobody uses
 * are evicted after the configured idle time.
 *
 * <p>Thread-safe.
 */
public interface ReplEngine extends AutoCloseable {

    /** Starts an engine; it begins warming its pool at once. */
    static ReplEngine start(EngineConfig config) {
        return new DefaultReplEngine(Objects.requireNonNull(config, "config"));
    }

    /**
     * Opens a session.
     *
     * @param label names the session in logs and thread names ("session 4 (wizard)")
     * @param bindings a supplier per {@link Binding} of the engine's configuration, read each time
     *     snippet code runs
     * @param output receives, line by line, what snippet code prints (from any thread, also when
     *     the code runs later as a callback)
     * @throws IllegalArgumentException if a binding has no supplier
     */
    ReplSession open(String label, Map<String, Supplier<?>> bindings, Consumer<String> output);

    /**
     * {@link #open(String, Map, Consumer)} for {@code owner} (an account's id): the sessions of one
     * owner share {@link EngineConfig#compilesPerOwner()}, so one owner's slow compiles (a compile
     * given up past its budget still runs until javac ends) cannot take the threads others need.
     * Without an owner, each session is its own.
     */
    default ReplSession open(String label, Object owner, Map<String, Supplier<?>> bindings, Consumer<String> output) {
        return open(label, bindings, output);
    }

    /**
     * Calls snippet code that host code kept (a lambda a snippet handed to {@code delay}) as a run
     * of its own, beside anything else its session runs: the bindings of the instance that made
     * it are refreshed, the run is held to {@code budget} and goes through {@code runner}, exactly
     * as an evaluation's would. Returns at once. Snippet code called any other way (outside every
     * run) is refused at its first check.
     *
     * @param madeBy the snippet object being called (its instance is found from its class); a
     *     host object wrapping snippet code works too, with no bindings refreshed
     * @param code host code that makes the call ({@code () -> { action.run(); return null; }})
     * @param runner where it runs: in time slices with a game loop, or on a worker
     * @param budget what the run may use
     */
    <T> Call<T> call(Object madeBy, java.util.concurrent.Callable<T> code, SnippetRunner runner, RunBudget budget);

    /**
     * {@link #call(Object, java.util.concurrent.Callable, SnippetRunner, RunBudget)} on a thread of
     * {@code on} (a host's worker pool), with the code run right there: for background work, whose
     * CPU time and allocations are counted when {@code on}'s threads are platform threads, and whose
     * wall time starts when a worker takes it. If {@code on} refuses it, the call ends as stopped.
     * The bindings are not refreshed (their suppliers belong to the host's own thread, a game loop):
     * the code sees them as the last run of its instance left them, typically the run that started it.
     */
    <T> Call<T> call(Object madeBy, java.util.concurrent.Callable<T> code, java.util.concurrent.Executor on,
                     RunBudget budget);

    /**
     * Describes a lambda or method reference a snippet made, of a serializable functional type (a
     * host's callback type), as source: the code as typed, what it captured, the session variables
     * it reads and the session's declarations, so that the host can compile it again elsewhere
     * (after a restart) and have it mean the same. Any thread.
     *
     * @throws IllegalArgumentException saying why it cannot be described (not a snippet's, written
     *     inside a class the snippet declared, captured values that cannot be named)
     */
    static LambdaSource sourceOf(Object lambda) {
        return LambdaSources.describe(java.util.Objects.requireNonNull(lambda, "lambda"));
    }

    /**
     * The value of binding {@code name} as the nearest snippet code on the calling thread's stack
     * reads it now. For host methods that snippets call by a static import in the engine's
     * startup ({@code import static my.Functions.*;}): such a method finds the session of the
     * snippet that called it through a binding of that session (its API object, under a hidden
     * name) — one import instead of a startup method per function, each of which every JShell
     * compiles when it is built and every later compile imports. Any thread.
     *
     * @throws IllegalStateException if no snippet code is on the calling thread's stack, or its
     *     instance has no binding {@code name} holding a {@code type}
     */
    static <T> T bindingOfCaller(String name, Class<T> type) {
        return CallerBinding.find(java.util.Objects.requireNonNull(name, "name"),
                java.util.Objects.requireNonNull(type, "type"));
    }

    /** What the engine holds now. */
    Stats stats();

    /**
     * Starts filling the pool of warm instances, if its configuration {@linkplain
     * EngineConfig.Builder#deferPool() deferred} that; otherwise (or a second time) nothing. Any thread.
     */
    void fillPool();

    /**
     * Ends every session and stops the workers: operations still queued fail with
     * {@link SessionEndedException}; a run still in progress after 2 s is interrupted. Blocks for
     * at most about that long.
     */
    @Override
    void close();

    /**
     * @param sessions open sessions
     * @param pooled warm instances waiting to be taken
     */
    record Stats(int sessions, int pooled) {
        /** The sum of two engines' figures. */
        public Stats plus(Stats other) {
            return new Stats(sessions + other.sessions, pooled + other.pooled);
        }
    }
}
