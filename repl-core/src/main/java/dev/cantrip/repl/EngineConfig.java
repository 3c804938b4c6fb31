package dev.cantrip.repl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link ReplEngine} is set up. Build with {@link #builder()}.
 *
 * @param bindings names every snippet can use, typed as host classes
 * @param startup snippets every instance evaluates before it is used (imports, helper methods);
 *     they may use the bindings and are left out of listings
 * @param gate sees every class snippets define before it loads
 * @param poolSize warm instances kept ready
 * @param poolDeferred whether the pool waits for {@link ReplEngine#fillPool()} (or a first session)
 *     before it builds any: building takes a core for a second or more, which a host starting up may
 *     need for itself
 * @param idleTimeout a session unused for this long is ended
 * @param budget what one evaluation's snippet code may use (time, memory, output, call depth)
 * @param timeSlice how long snippet code runs before a runner that {@linkplain SnippetRunner#slices()
 *     slices} gets its turn back (at the code's next check after that)
 * @param limits how much of a value is shown
 * @param hostPackages packages whose stack frames are worth showing to users
 * @param recycleAfter snippets an instance evaluates before the session's declarations move to a
 *     fresh one (JShell slows down as compiled classes pile up, even dropped ones)
 * @param compileCpu CPU time one session operation may spend compiling (its runs not counted);
 *     past it the operation is given up and the session moves to a fresh JShell (javac cannot be
 *     stopped midway: the compile goes on, on its own thread, until it ends)
 * @param compilesPerOwner operations that compile which one owner (see {@link ReplEngine#open(String,
 *     Object, java.util.Map, java.util.function.Consumer)}) may have in progress at once, a given-up compile
 *     still counted until it ends; the owner's others wait their turn
 * @param turnWait how long a host that runs snippet code in turns should wait for one turn before
 *     it revokes it and goes on ({@link SnippetRunner#inSlices(java.util.concurrent.Executor,
 *     java.util.function.Consumer, Duration, Duration, java.util.function.Consumer)}): what a
 *     bystander waits at most for a run stuck inside a JDK call
 */
public record EngineConfig(List<Binding> bindings, List<String> startup, ClassGate gate, int poolSize,
                           boolean poolDeferred, Duration idleTimeout, RunBudget budget, Duration timeSlice, OutputLimits limits,
                           List<String> hostPackages, int recycleAfter, Duration compileCpu, int compilesPerOwner,
                           Duration turnWait) {

    public EngineConfig {
        bindings = List.copyOf(bindings);
        startup = List.copyOf(startup);
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(timeSlice, "timeSlice");
        if (!timeSlice.isPositive()) {
            throw new IllegalArgumentException("timeSlice must be positive, got " + timeSlice);
        }
        Objects.requireNonNull(limits, "limits");
        hostPackages = List.copyOf(hostPackages);
        Objects.requireNonNull(turnWait, "turnWait");
        if (!turnWait.isPositive()) {
            throw new IllegalArgumentException("turnWait must be positive, got " + turnWait);
        }
        if (recycleAfter < 1) {
            throw new IllegalArgumentException("recycleAfter must be at least 1, got " + recycleAfter);
        }
        Objects.requireNonNull(compileCpu, "compileCpu");
        if (!compileCpu.isPositive() || compilesPerOwner < 1) {
            throw new IllegalArgumentException("compileCpu must be positive and compilesPerOwner at least 1, got "
                    + compileCpu + " and " + compilesPerOwner);
        }
        if (poolSize < 0) {
            throw new IllegalArgumentException("poolSize must be >= 0, got " + poolSize);
        }
        if (!idleTimeout.isPositive()) {
            throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        }
        if (bindings.stream().map(Binding::name).distinct().count() != bindings.size()) {
            throw new IllegalArgumentException("two bindings have the same name: " + bindings);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Size limits on values shown to users.
     *
     * @param maxValueChars characters of a rendered value (longer strings are cut with a note)
     * @param maxElements elements of a collection, map or array shown before "... N more"
     */
    public record OutputLimits(int maxValueChars, int maxElements) {
        public OutputLimits {
            if (maxValueChars < 16 || maxElements < 1) {
                throw new IllegalArgumentException("limits too small: " + maxValueChars + " characters, "
                        + maxElements + " elements");
            }
        }

        /** 2,000 characters, 50 elements. */
        public static OutputLimits defaults() {
            return new OutputLimits(2_000, 50);
        }
    }

    /** Builds an {@link EngineConfig}; every setting has a default. */
    public static final class Builder {
        private final List<Binding> bindings = new ArrayList<>();
        private final List<String> startup = new ArrayList<>();
        private final List<String> hostPackages = new ArrayList<>();
        private ClassGate gate = ClassGate.open();
        private int poolSize = 2;
        private boolean poolDeferred;
        private Duration idleTimeout = Duration.ofMinutes(30);
        private RunBudget budget = RunBudget.defaults();
        private Duration timeSlice = Duration.ofMillis(5);
        private OutputLimits limits = OutputLimits.defaults();
        private int recycleAfter = 100;
        private Duration compileCpu = Duration.ofSeconds(10);
        private int compilesPerOwner = 1;
        private Duration turnWait = Duration.ofMillis(300);

        private Builder() {}

        /** Adds a binding: {@code name} is usable in every snippet, typed as {@code type}. */
        public Builder binding(String name, Class<?> type) {
            bindings.add(new Binding(name, type));
            return this;
        }

        /**
         * Adds a startup snippet (evaluated in the order added, on the pool's thread, before any
         * session uses the instance): imports and declarations only, for code that runs then
         * sees no binding values.
         */
        public Builder startup(String snippet) {
            startup.add(Objects.requireNonNull(snippet, "snippet"));
            return this;
        }

        /** Sets the gate every snippet class passes before it loads (default: let all through). */
        public Builder gate(ClassGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /** Warm instances kept ready (default 2; 0 builds each on first use). */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /**
         * The pool builds nothing until {@link ReplEngine#fillPool()} is called or a session takes an
         * instance (default: it starts filling at once).
         */
        public Builder deferPool() {
            this.poolDeferred = true;
            return this;
        }

        /** A session unused for this long is ended (default 30 minutes). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** What one evaluation's snippet code may use (default {@link RunBudget#defaults()}). */
        public Builder budget(RunBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * How long snippet code runs before a slicing runner gets its turn back (default 5 ms:
         * others wait at most about that long for the game loop while a snippet computes).
         */
        public Builder timeSlice(Duration timeSlice) {
            this.timeSlice = Objects.requireNonNull(timeSlice, "timeSlice");
            return this;
        }

        /** How much of a value is shown (default {@link OutputLimits#defaults()}). */
        public Builder limits(OutputLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Adds a package prefix ("dev.cantrip.world") whose frames are kept in stack traces. */
        public Builder hostPackage(String prefix) {
            hostPackages.add(Objects.requireNonNull(prefix, "prefix"));
            return this;
        }

        /**
         * Snippets an instance evaluates before the state moves to a fresh one (default 100; a
         * session with many declarations moves less often, see {@code docs/architecture.md}).
         */
        public Builder recycleAfter(int recycleAfter) {
            this.recycleAfter = recycleAfter;
            return this;
        }

        /**
         * CPU time one operation of a session may spend compiling before it is given up (default
         * 10 s; a tier's {@code budget compile}).
         */
        public Builder compileBudget(Duration compileCpu) {
            this.compileCpu = Objects.requireNonNull(compileCpu, "compileCpu");
            return this;
        }

        /** Operations that compile one owner may have in progress at once (default 1). */
        public Builder compilesPerOwner(int compilesPerOwner) {
            this.compilesPerOwner = compilesPerOwner;
            return this;
        }

        /**
         * How long a turn of snippet code may hold the host's thread before it is revoked (default
         * 300 ms; see {@link EngineConfig#turnWait()}).
         */
        public Builder turnWait(Duration turnWait) {
            this.turnWait = Objects.requireNonNull(turnWait, "turnWait");
            return this;
        }

        /** The configuration as set so far. */
        public EngineConfig build() {
            return new EngineConfig(bindings, startup, gate, poolSize, poolDeferred, idleTimeout, budget, timeSlice, limits,
                    hostPackages, recycleAfter, compileCpu, compilesPerOwner, turnWait);
        }
    }
}
