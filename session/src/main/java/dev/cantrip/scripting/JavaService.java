package dev.cantrip.scripting;

import dev.cantrip.account.Account;
import dev.cantrip.account.Role;
import dev.cantrip.flow.FlowEnd;
import dev.cantrip.flow.FlowLauncher;
import dev.cantrip.game.Game;
import dev.cantrip.repl.Call;
import dev.cantrip.repl.CallOutcome;
import dev.cantrip.repl.EndReason;
import dev.cantrip.repl.LambdaSource;
import dev.cantrip.repl.EngineConfig;
import dev.cantrip.repl.Evaluation;
import dev.cantrip.repl.OutcomeText;
import dev.cantrip.repl.ReplEngine;
import dev.cantrip.repl.ReplSession;
import dev.cantrip.repl.RunBudget;
import dev.cantrip.repl.SessionEndedException;
import dev.cantrip.repl.SnippetRunner;
import dev.cantrip.sandbox.Tier;
import dev.cantrip.session.Session;
import dev.cantrip.tasks.AdmittedAction;
import dev.cantrip.tasks.AsyncTask;
import dev.cantrip.tasks.AsyncWork;
import dev.cantrip.tasks.Callback1;
import dev.cantrip.tasks.Flow;
import dev.cantrip.tasks.FlowBody;
import dev.cantrip.tasks.FlowCancelledException;
import dev.cantrip.tasks.Callback0;
import dev.cantrip.tasks.Persister;
import dev.cantrip.tasks.Restorer;
import dev.cantrip.tasks.Task;
import dev.cantrip.tasks.TaskKind;
import dev.cantrip.tasks.TaskOwner;
import dev.cantrip.turns.Revocation;
import dev.cantrip.turns.StepOf;
import dev.cantrip.turns.WorldTurns;
import dev.cantrip.world.GameObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The game's side of the Java engine: one {@link ReplSession} per game session, opened on first
 * use and cleared on logout, idle eviction or reload (the user is told at their next {@code java}).
 *
 * <p>Snippet code runs as steps of the caller's session on the game loop: what it changes is
 * written before anyone is told, and its output, the result lines and the next prompt come out in
 * order. Compilation happens on the engine's workers, never on the loop. Loop thread only, except
 * {@link #close}.
 */
public final class JavaService implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JavaService.class.getName());

    private final Map<String, Tiered> tiers;
    private final JavaSettings settings;
    private final Map<Session, State> states = new HashMap<>();
    // Per account: a run given up while stuck inside the JDK, completing when its thread is out.
    // One stuck thread per user at most: until then their java and their callbacks wait.
    private final Map<Long, CompletableFuture<Void>> stuck = new HashMap<>();
    // Threads of given-up runs still inside the JDK, for the health check. Any thread.
    private final java.util.concurrent.atomic.AtomicInteger stuckThreads = new java.util.concurrent.atomic.AtomicInteger();
    // Callbacks of tasks running now (in turns on the loop): a reload stops them.
    private final Set<Call<?>> running = new HashSet<>();
    // Task callbacks run (in turns on the loop) at most this many at once; the others wait their turn
    // without being charged for it. A burst of due callbacks would otherwise start a thread each, and
    // their turns would crowd out everyone else's commands.
    private static final int CALLBACKS_AT_ONCE = 8;
    // Interactive flows one account may have running at once. Each is a snippet thread of its own
    // that bypasses the callback slots (a flow waiting for an answer would hold one for ever): 200
    // busy flows from one input queued 200 turns ahead of every player's command, and 50 stuck
    // inside the JDK burned 50 threads' worth of CPU for ever.
    static final int FLOWS_PER_ACCOUNT = 4;
    // Connections of one account that may have Java state at once. Each holds a JShell of its own
    // (compiler state the retained budget does not count) and its own retained budget: forty
    // connections of one account would hold forty of each.
    static final int JAVA_SESSIONS_PER_ACCOUNT = 3;
    // Per account, what each of its tasks' callbacks holds (captures, arguments), counted against
    // its retained budget; ended tasks are let go as the account's sum is next taken. Only tasks
    // holding at least TASK_HOLDS_KEPT are listed (java.max-tasks bounds the rest). Loop only.
    private final Map<Long, Map<dev.cantrip.tasks.Task, Long>> taskHolds = new HashMap<>();
    static final long TASK_HOLDS_KEPT = 4_096;
    // The most objects one task's measure visits (the rest estimated): it runs inside the caller's run.
    static final int TASK_HOLDS_VISITS = 50_000;
    /** The hidden binding holding a session's {@link SnippetApi}, through which {@link SnippetFunctions} find it. */
    static final String API_BINDING = "$api";
    private int callbacksRunning; // slots held: callbacks running, and tasks admitted whose removal is being written
    // In the order they came due. A set, so that a task's request taken back (cancel, reload) leaves at once.
    private final Set<WaitingCallback> callbacksWaiting = new java.util.LinkedHashSet<>();
    // One account's callbacks run at most this many at once: a burst of one account's due callbacks
    // (a thousand delay(0)s) took every slot for minutes, and eight stuck inside the JDK at once
    // (one evaluation's delays, all started before the first was given up) burned a core each. With
    // one at a time, the first given up pauses the account (stuck) before its next one starts.
    static final int CALLBACKS_PER_OWNER = 1;
    // How a run given up inside the JDK is reported (SlicedRunner's StuckRunException).
    private static final String STUCK_REASON = "it was still running inside the JDK";
    private final Map<Long, Integer> callbacksRunningOf = new HashMap<>();

    /**
     * One of the {@link #CALLBACKS_AT_ONCE} slots and its owner's one ({@link #CALLBACKS_PER_OWNER}),
     * held from when a callback is admitted until its call ends, or until it is given back unused
     * (a task admitted whose removal could not be written, or that a reload overtook). Loop only.
     */
    static final class CallbackSlot {
        private final TaskOwner owner;
        private boolean held = true; // taken, not given back
        private boolean calling; // its call started: given back when that ends, not before

        private CallbackSlot(TaskOwner owner) {
            this.owner = owner;
        }
    }

    /**
     * A callback due and not started yet: waiting for a free slot or, for a task's, for its owner's
     * run stuck inside the JDK to end. A task's is its scheduler's request for admission: the task
     * stays pending (and on disk, if persistent) until it is granted, and may be taken back.
     */
    private final class WaitingCallback implements AdmittedAction.Request {
        private final TaskOwner owner;
        private final String what;
        private final Consumer<CallbackSlot> start; // called with the slot held; calls startCall(...)
        // A task's: told why it may never run (its scheduler drops it). Null for other callbacks
        // (runAsync's onReturn or onError, a flow's): they are told here, and do not wait out a stuck run.
        private final Consumer<String> refused;

        private WaitingCallback(TaskOwner owner, String what, Consumer<CallbackSlot> start, Consumer<String> refused) {
            this.owner = owner;
            this.what = what;
            this.start = start;
            this.refused = refused;
        }

        /** Whether it is a task's: it waits for a run stuck inside the JDK to end rather than being dropped. */
        private boolean waitsOutStuckRuns() {
            return refused != null;
        }

        @Override
        public void withdraw() {
            callbacksWaiting.remove(this);
        }

        @Override
        public String waitingFor() {
            return stuck(owner.accountId()) ? "its owner's snippet stuck inside the JDK to end"
                    : "a free callback slot";
        }
    }

    // runAsync jobs running or queued, per account.
    private final Map<Long, Integer> asyncJobs = new HashMap<>();
    // How long the loop waits for one turn of snippet code before it revokes it (the run, inside a
    // JDK call, goes on detached and waits for a new turn at its next check): what a bystander
    // waits at most for a run stuck inside the JDK.
    static final Duration TURN_WAIT = Duration.ofMillis(300);
    // Workers added while given-up runAsync jobs still hold theirs (stuck inside the JDK), so other
    // accounts' jobs start; at most this many (each stuck job also pauses its owner's java).
    static final int MAX_EXTRA_ASYNC_WORKERS = 4;
    private int extraAsyncWorkers; // loop only
    // Where runAsync work runs: platform threads (so its CPU time and allocations are counted),
    // fewer than the processors, never the game loop.
    private final ThreadPoolExecutor asyncWorkers;
    // Clears REPL state, the largest first, when the heap is nearly full of live objects.
    private HeapPressure heapPressure;
    private Game game;
    // Makes the runners for snippet code in turns on the game's loop; set with the game.
    private WorldTurns turns;

    /** A tier and the engine whose instances run under it. */
    private record Tiered(Tier tier, ReplEngine engine) {}

    /** One game session's Java state. */
    static final class State {
        ReplSession repl;
        Tier tier;
        SnippetApi api;
        String input; // the input being evaluated: the source shown for tasks it schedules
        String clearedNote;
        // What the session kept after its last evaluation (RetainedSize's estimate): heap pressure
        // clears the largest first. Written by the session's worker, read on the loop.
        volatile long retained;
    }

    private JavaService(Map<String, Tiered> tiers, JavaSettings settings) {
        this.tiers = tiers;
        this.settings = settings;
        ThreadFactory threads = Thread.ofPlatform().name("cantrip-async-", 1).daemon().priority(Thread.MIN_PRIORITY)
                .stackSize(64L << 20).factory(); // deep, like snippet threads: the depth budget ends recursion first
        // Unbounded queue, bounded in practice: each account may have only so many jobs (java.max-async-jobs).
        this.asyncWorkers = new ThreadPoolExecutor(settings.asyncWorkers(), settings.asyncWorkers(), 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), threads);
    }

    /**
     * Reads the tiers the configuration can use and starts an engine for each (they warm their
     * pools in the background): the developer tier always, the builder tier when {@code java} is
     * open to roles below Admin.
     *
     * @throws IllegalArgumentException if a tier file is wrong (the message names file and line)
     */
    public static JavaService start(JavaSettings settings) {
        Objects.requireNonNull(settings, "settings");
        Map<String, Tiered> tiers = new LinkedHashMap<>();
        List<String> names = settings.minRole().atLeast(Role.ADMIN) ? List.of(JavaTiers.DEVELOPER)
                : List.of(JavaTiers.DEVELOPER, JavaTiers.BUILDER);
        List<Tier> loaded = names.stream().map(n -> JavaTiers.load(n, settings.tiersDir())).toList();
        for (Tier tier : loaded) {
            tiers.put(tier.name(), new Tiered(tier, ReplEngine.start(config(settings, tier))));
        }
        return new JavaService(Map.copyOf(tiers), settings);
    }

    private static EngineConfig config(JavaSettings settings, Tier tier) {
        return EngineConfig.builder()
                .binding("self", GameObject.class)
                .binding("me", GameObject.class)
                .binding("here", GameObject.class)
                .binding("account", Account.class)
                .binding("session", Session.class)
                .binding(API_BINDING, SnippetApi.class)
                .startup("import java.util.*;")
                .startup("import java.util.function.*;")
                .startup("import java.util.stream.*;")
                .startup("import java.time.*;")
                // Single types, not dev.cantrip.world.*: an on-demand import of a package on the class
                // path cost about 1.4 ms on every compile (measured), a single-type one next to nothing.
                .startup("import dev.cantrip.world.GameObject;")
                .startup("import dev.cantrip.world.ObjectKind;")
                .startup("import dev.cantrip.tasks.Task;")
                .startup("import dev.cantrip.tasks.AsyncTask;")
                .startup("import dev.cantrip.tasks.Flow;")
                .startup("import static dev.cantrip.scripting.SnippetFunctions.*;")
                // Prints through the snippet's own System.out, so it stays a startup method. It reaches
                // the API as the functions do: snippets may not name $api (HiddenBindingGate).
                .startup("void inspect(Object o) { System.out.println(inspectText(o)); }")
                .hostPackage("dev.cantrip.world.")
                .hostPackage("dev.cantrip.account.")
                .hostPackage("dev.cantrip.session.")
                .hostPackage("dev.cantrip.scripting.")
                .hostPackage("dev.cantrip.loop.")
                .hostPackage("dev.cantrip.tasks.")
                .gate(new HiddenBindingGate(tier.gate(), java.util.Set.of(API_BINDING)))
                .budget(tier.budget())
                .compileBudget(tier.compileBudget())
                .idleTimeout(settings.idleTimeout())
                .poolSize(settings.poolSize())
                .deferPool() // until attach has restored the persistent tasks: a restart is quicker without it
                .turnWait(TURN_WAIT)
                .build();
    }

    /** Connects to the game: state is dropped when a session ends and cleared when the game reloads. */
    public void attach(Game g) {
        this.game = Objects.requireNonNull(g, "g");
        this.turns = new WorldTurns(g);
        g.onSessionEnd(this::sessionEnded);
        g.onReload(this::reloaded);
        g.onReloadStart(() -> {
            List.copyOf(running).forEach(c -> c.stop("it was interrupted by a reload"));
            // Tasks' requests are their scheduler's to take back (it held the tasks as the reload
            // began, and drops or reads them back with the new world): only the others are told.
            List<WaitingCallback> interrupted = callbacksWaiting.stream().filter(w -> !w.waitsOutStuckRuns()).toList();
            callbacksWaiting.removeAll(interrupted);
            interrupted.forEach(w -> tell(w.owner, w.what + " did not run: it was interrupted by a reload."));
        });
        g.restoreTasks(this::restore);
        heapPressure = HeapPressure.start(0.8, Duration.ofMillis(250), Duration.ofSeconds(5),
                report -> g.loop().execute(() -> relieve(report)));
        g.reportStuckRuns(this::stuckThreads);
        g.reportJShells(() -> {
            ReplEngine.Stats now = stats();
            return new dev.cantrip.game.ServerStats.JShells(now.sessions(), now.pooled());
        });
        // Only now: building warm instances took a core for seconds while 100,000 tasks were read
        // and rescheduled on two (a cold restart went from about 3.5 s to 6 s with it).
        tiers.values().forEach(t -> t.engine().fillPool());
    }

    public JavaSettings settings() {
        return settings;
    }

    /** What the engines hold now, summed over the tiers. Any thread. */
    public ReplEngine.Stats stats() {
        return tiers.values().stream().map(t -> t.engine().stats()).reduce(ReplEngine.Stats::plus).orElseThrow();
    }

    /** The tier {@code s}'s snippets run under. */
    Tier tierOf(Session s) {
        Account a = s.account();
        Tiered t = tiers.get(JavaTiers.forRole(a == null ? Role.PLAYER : a.role()));
        return t != null ? t.tier() : tiers.get(JavaTiers.DEVELOPER).tier();
    }

    /**
     * Evaluates {@code code} for {@code s}: echoes it (unless {@code echo} is false), runs each
     * snippet and shows its outcome, then the timing if asked, then calls {@code after} on the loop.
     */
    void evaluate(Session s, String code, boolean echo, boolean timed, Consumer<Evaluation> after) {
        State st = state(s);
        if (st == null) {
            after.accept(null);
            return;
        }
        if (s.account() != null && stuck(s.account().id())) {
            // One stuck thread per user at most: each burns a core until its JDK call ends.
            s.send("Your last snippet is still running inside the JDK, where it cannot be stopped; java is paused"
                    + " for you until it ends.");
            after.accept(null);
            return;
        }
        st.input = code;
        if (echo) {
            List<String> lines = code.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                s.send((i == 0 ? ">>> " : "... ") + lines.get(i));
            }
        }
        CompletableFuture<Evaluation> work = st.repl.evaluate(code, runner(s), outcome -> {
            List<String> lines = OutcomeText.lines(outcome);
            if (!lines.isEmpty()) {
                game.loop().execute(() -> game.pump().step(s, () -> lines.forEach(s::send)));
            }
        });
        game.pump().await(s, heldToRetained(s, st, work), e -> {
            if (timed) {
                s.send("[" + OutcomeText.timing(e) + "]");
            }
            after.accept(e);
        }, failure -> {
            failed(s, failure);
            after.accept(null);
        });
    }

    /**
     * After an evaluation, on the session's worker (off the loop): what the session keeps is
     * measured and held to its tier's {@code retained} limit; the user is told in one line what
     * was dropped, before the prompt. The size is kept for {@link #relieve heap pressure}.
     */
    private CompletableFuture<Evaluation> heldToRetained(Session s, State st, CompletableFuture<Evaluation> work) {
        ReplSession repl = st.repl;
        long limit = st.tier.retainedBytes();
        return work.thenCompose(e -> repl.keepWithin(limit).handle((r, failure) -> {
            if (r != null) {
                st.retained = r.bytes();
                r.note().ifPresent(line -> {
                    LOG.log(System.Logger.Level.INFO, "retained limit for {0}: {1}", s, line);
                    game.loop().execute(() -> game.pump().step(s, () -> s.send(line)));
                });
            } else if (!(failure instanceof SessionEndedException || failure != null
                    && failure.getCause() instanceof SessionEndedException)) {
                LOG.log(System.Logger.Level.WARNING, "could not measure what " + s + " keeps", failure);
            }
            return e;
        }));
    }

    /**
     * The heap is nearly full of live objects: clears sessions' Java state, the largest (as last
     * measured) first, until what they held covers the excess, and tells each owner now. Sessions
     * holding under a mebibyte are left alone (clearing them would not help). Logged for the
     * operator, with what was found. Loop only.
     */
    void relieve(HeapPressure.Report report) {
        List<Map.Entry<Session, State>> held = states.entrySet().stream()
                .filter(e -> e.getValue().repl != null && e.getValue().retained >= 1 << 20)
                .sorted((a, b) -> Long.compare(b.getValue().retained, a.getValue().retained))
                .toList();
        long freed = 0;
        List<String> cleared = new java.util.ArrayList<>();
        for (Map.Entry<Session, State> e : held) {
            if (freed >= report.excess()) {
                break;
            }
            Session s = e.getKey();
            State st = e.getValue();
            long size = st.retained;
            st.repl.close();
            st.repl = null;
            st.retained = 0;
            String line = "Your Java state was cleared: the server is short of memory, and yours held "
                    + dev.cantrip.repl.RetainedSize.describe(size) + " (the largest are cleared first).";
            game.pump().step(s, () -> s.send(line));
            freed += size;
            cleared.add((s.account() == null ? s.toString() : s.account().name()) + " ("
                    + dev.cantrip.repl.RetainedSize.describe(size) + ")");
        }
        LOG.log(System.Logger.Level.WARNING, "heap pressure: {0} of {1} in use after a collection; {2}",
                dev.cantrip.repl.RetainedSize.describe(report.used()), dev.cantrip.repl.RetainedSize.describe(report.max()),
                cleared.isEmpty() ? "no session's Java state holds much: nothing cleared"
                        : "cleared the Java state of " + String.join(", ", cleared) + " (about "
                        + dev.cantrip.repl.RetainedSize.describe(freed) + ")"
                        + (freed < report.excess() ? ", less than the "
                        + dev.cantrip.repl.RetainedSize.describe(report.excess()) + " over the target" : ""));
    }

    /**
     * Runs an operation on {@code s}'s Java state off the loop, then {@code onResult} on the loop
     * as part of the same command.
     */
    <T> void with(Session s, java.util.function.Function<ReplSession, CompletableFuture<T>> operation,
                  Consumer<T> onResult, Runnable after) {
        State st = state(s);
        if (st == null) {
            after.run();
            return;
        }
        game.pump().await(s, operation.apply(st.repl), r -> {
            onResult.accept(r);
            after.run();
        }, failure -> {
            failed(s, failure);
            after.run();
        });
    }

    /**
     * Where snippet code of {@code s} runs: on a thread of its own, in turns with the game loop
     * ({@link WorldTurns}) that are steps of that session (so its changes are durable before its
     * output is shown, and its player's next lines wait). The loop waits for a turn at most
     * {@link #TURN_WAIT}: a turn stuck inside a JDK call is revoked (the run waits for a new turn
     * at its next check), and a run stuck for the tier's wall-time budget is given up, its owner's
     * java paused until its thread is out.
     */
    SnippetRunner runner(Session s) {
        return turns.runner(new StepOf.Player(s), tierOf(s).budget().wall(), Revocation.after(TURN_WAIT),
                left -> counted(left).execute(() -> {
                    if (s.account() != null) {
                        markStuck(s.account().id(), left);
                    }
                }));
    }

    /**
     * Where a task's callback runs: like {@link #runner}, but each turn is a step of the game's own
     * (no session typed it) in which the owner acts (what it changes, it changes as its owner, with
     * the owner's role as it was at the run's first turn), and a run given up holds back its owner's
     * java and callbacks.
     */
    SnippetRunner callbackRunner(TaskOwner owner, Duration maxTurn) {
        return callbackRunner(owner, maxTurn, left -> { });
    }

    /**
     * {@link #callbackRunner(TaskOwner, Duration)} that also hands {@code givenUp} what completes
     * when a run given up inside the JDK has left its thread, as it gives the run up (on the thread
     * that does, a moment after the run's outcome completes). Any thread.
     */
    private SnippetRunner callbackRunner(TaskOwner owner, Duration maxTurn, Consumer<CompletableFuture<Void>> givenUp) {
        return turns.runner(new StepOf.Owner(owner.accountId()), maxTurn, Revocation.after(TURN_WAIT), left -> {
            givenUp.accept(left);
            counted(left).execute(() -> markStuck(owner.accountId(), left));
        });
    }

    /** Counts a given-up run's thread as stuck until {@code left} completes; returns the loop. Any thread. */
    private dev.cantrip.host.WorldLoop counted(CompletableFuture<Void> left) {
        stuckThreads.incrementAndGet();
        left.whenComplete((v, f) -> stuckThreads.decrementAndGet());
        return game.loop();
    }

    /** Threads of given-up snippet runs still inside the JDK now. Any thread. */
    public int stuckThreads() {
        return stuckThreads.get();
    }

    /**
     * Why account {@code accountId}'s code may no longer run (its role is now below
     * {@code java.min-role}, or the account is gone), or null if it may. A task made before its
     * owner was demoted would otherwise go on running, and scheduling more, for ever. Loop only.
     */
    String mayNotUseJava(long accountId) {
        java.util.Optional<Account> a = game.accounts().findById(accountId);
        if (a.isEmpty()) {
            return "its account no longer exists";
        }
        Role role = a.get().role();
        return role.atLeast(settings.minRole()) ? null : "your account may no longer use java (you are a "
                + role.displayName() + ")";
    }

    /**
     * Account {@code accountId} has a run given up while inside the JDK until {@code left}
     * completes (with any it had already): its java and callbacks wait meanwhile, and its tasks'
     * callbacks waiting for that may start once it is out. Loop only.
     */
    private void markStuck(long accountId, CompletableFuture<Void> left) {
        CompletableFuture<Void> before = stuck.get(accountId);
        stuck.put(accountId, before == null || before.isDone() ? left : CompletableFuture.allOf(before, left));
        left.whenComplete((v, f) -> game.loop().execute(this::startWaitingCallbacks));
    }

    /** Whether a run of this account's is still stuck inside the JDK. Loop only. */
    boolean stuck(long accountId) {
        CompletableFuture<Void> left = stuck.get(accountId);
        if (left != null && left.isDone()) {
            stuck.remove(accountId);
            return false;
        }
        return left != null;
    }

    /** Tells a task's owner, now or at their next login. Loop only. */
    void tell(TaskOwner owner, String text) {
        game.tellOwner(owner, text);
    }

    /**
     * Starts a callback that is not a task's (runAsync's onReturn or onError, a flow's) now if a
     * slot is free for its owner, else when one is (in the order they came due): {@code start} is
     * called with the slot held and must call {@link #startCall}. If its owner may no longer use
     * java, or has a run stuck inside the JDK, it does not run and the owner is told. Loop only.
     */
    void whenCallbackSlotFree(TaskOwner owner, String what, Consumer<CallbackSlot> start) {
        admit(new WaitingCallback(owner, what, start, null));
    }

    /**
     * Asks a slot for a task's callback ({@code what} names it): {@code granted} is called with the
     * slot held once one is free for its owner and the owner has no run stuck inside the JDK (it
     * waits for that run to end rather than being dropped: the task is still pending meanwhile),
     * in the order they came due; {@code refused} is called with why if its owner may no longer use
     * java. Either may be called within this call. The granted slot is given back by the call
     * {@code granted} starts ({@link #startCall}) or by {@link #giveBack}. Loop only.
     */
    AdmittedAction.Request requestCallbackSlot(TaskOwner owner, String what, Consumer<CallbackSlot> granted,
                                                Consumer<String> refused) {
        WaitingCallback w = new WaitingCallback(owner, what, granted, Objects.requireNonNull(refused, "refused"));
        admit(w);
        return w;
    }

    private void admit(WaitingCallback w) {
        if (!startOrSettle(w)) {
            callbacksWaiting.add(w);
        }
    }

    /**
     * Starts {@code w} in a slot of its own if its owner may run code and has one free, or settles
     * it if it can never start (refused, or not a task's and its owner is stuck); false if it must
     * wait. Loop only.
     */
    private boolean startOrSettle(WaitingCallback w) {
        long id = w.owner.accountId();
        // Checked as it starts, not only as it came due: an owner demoted while it waited is not obeyed.
        String mayNot = mayNotUseJava(id);
        if (mayNot != null) {
            if (w.waitsOutStuckRuns()) {
                w.refused.accept(mayNot);
            } else {
                tell(w.owner, w.what + " did not run: " + mayNot + ".");
            }
            return true;
        }
        if (stuck(id)) {
            if (w.waitsOutStuckRuns()) {
                return false; // markStuck wakes the queue when that run is out
            }
            tell(w.owner, w.what + " did not run: your last snippet is still running inside the JDK, where it"
                    + " cannot be stopped.");
            return true;
        }
        if (callbacksRunning >= CALLBACKS_AT_ONCE || callbacksRunningOf.getOrDefault(id, 0) >= CALLBACKS_PER_OWNER) {
            return false;
        }
        callbacksRunning++;
        callbacksRunningOf.merge(id, 1, Integer::sum);
        CallbackSlot slot = new CallbackSlot(w.owner);
        try {
            w.start.accept(slot);
        } catch (RuntimeException | Error e) {
            giveBack(slot); // does nothing if its call started
            throw e;
        }
        return true;
    }

    /**
     * Gives back a slot whose call never started (a task admitted but not run); does nothing once
     * its call has started (it is given back when that ends) or if it was given back already. Loop only.
     */
    void giveBack(CallbackSlot slot) {
        if (!slot.held || slot.calling) {
            return;
        }
        release(slot);
    }

    private void release(CallbackSlot slot) {
        slot.held = false;
        callbacksRunning--;
        callbacksRunningOf.computeIfPresent(slot.owner.accountId(), (k, n) -> n <= 1 ? null : n - 1);
        // One loop task later: a run given up inside the JDK is marked stuck by its runner through
        // the loop just after its outcome completes, and the owner's next callback must see it.
        game.loop().execute(this::startWaitingCallbacks);
    }

    /** Starts waiting callbacks while slots are free. Loop only. */
    private void startWaitingCallbacks() {
        for (WaitingCallback next; callbacksRunning < CALLBACKS_AT_ONCE && (next = nextWaiting()) != null; ) {
            if (!startOrSettle(next)) {
                callbacksWaiting.add(next); // not expected: nextWaiting chose one that can go
                return;
            }
        }
    }

    /**
     * The first waiting callback whose owner has a slot free (and, for a task's, no run stuck
     * inside the JDK), taken off the queue; null if none. Loop only.
     */
    private WaitingCallback nextWaiting() {
        for (java.util.Iterator<WaitingCallback> it = callbacksWaiting.iterator(); it.hasNext(); ) {
            WaitingCallback w = it.next();
            long id = w.owner.accountId();
            if (callbacksRunningOf.getOrDefault(id, 0) < CALLBACKS_PER_OWNER && !(w.waitsOutStuckRuns() && stuck(id))) {
                it.remove();
                return w;
            }
        }
        return null;
    }

    /**
     * Starts a callback's call of {@code lambda} through {@code invoke} in {@code slot}, as a run
     * of the slot's owner in time slices on the loop under {@code budget}; the slot is given back
     * when it ends. A reload waits for it (and stops it); {@code onOutcome} runs on the loop. Loop only.
     */
    void startCall(CallbackSlot slot, ReplEngine engine, Object lambda, java.util.concurrent.Callable<Object> invoke,
                   RunBudget budget, Consumer<CallOutcome<Object>> onOutcome) {
        TaskOwner owner = slot.owner;
        // What completes once a run given up inside the JDK has left its thread, once the runner says so.
        CompletableFuture<CompletableFuture<Void>> givenUp = new CompletableFuture<>();
        Call<Object> call = engine.call(lambda, invoke, callbackRunner(owner, budget.wall(), givenUp::complete), budget);
        slot.calling = true;
        running.add(call);
        game.pump().track(call.outcome(), () -> call.stop("the game reloaded without waiting for it"));
        call.outcome().thenAccept(o -> game.loop().execute(() -> {
            running.remove(call);
            if (o instanceof CallOutcome.Stopped<Object> st && st.reason().startsWith(STUCK_REASON)) {
                // Given up inside the JDK: its owner is marked stuck here, before the slot is given back
                // and so before the owner's next callback can start. The runner says which thread to
                // wait for from the thread that gave the run up, which may reach the loop later than
                // this (it did, on a busy machine, and the next callback started beside the stuck one):
                // stuck until the runner has said so and that thread is out.
                markStuck(owner.accountId(), givenUp.thenCompose(left -> left));
            }
            release(slot);
            onOutcome.accept(o);
        }));
    }

    /**
     * Starts {@code work} for {@code s}'s account on the background workers, under the tier's
     * background budget; then {@code onReturn} (with its result) or {@code onError} (with what it
     * threw) on the loop as callbacks. Without {@code onError}, what it throws is told to the
     * owner and logged. Loop only.
     *
     * @throws IllegalStateException if the account has as many jobs running as it may
     */
    <T> AsyncTask runAsync(Account a, Session s, AsyncWork<T> work, Callback1<? super T> onReturn,
                           Callback1<? super Exception> onError) {
        int jobs = asyncJobs.getOrDefault(a.id(), 0);
        if (jobs >= settings.maxAsyncJobs()) {
            throw new IllegalStateException("you have " + jobs + " runAsync jobs running, the most an account may have"
                    + " at once (java.max-async-jobs); wait for one to end, or cancel one (tasks/cancel <id>)");
        }
        Tier tier = tierFor(a);
        long holds = checkTaskHolds(a, tier, "runAsync", work, java.util.Arrays.asList(onReturn, onError));
        ReplEngine engine = tiers.get(tier.name()).engine();
        TaskOwner owner = new TaskOwner(a.id(), a.name());
        String source = sourceOf(s);
        // Host code around the work: with onError, what the work throws (not an Error, not a stop)
        // is handed to it as the live exception; without, the engine copies it for the owner.
        java.util.concurrent.Callable<AsyncResult> invoke = onError == null
                ? () -> new AsyncResult(work.run(), null)
                : () -> {
                    try {
                        return new AsyncResult(work.run(), null);
                    } catch (Exception e) {
                        return new AsyncResult(null, e);
                    }
                };
        Call<AsyncResult> call = engine.call(work, invoke, asyncWorkers, tier.asyncBudget());
        AsyncTask task = game.tasks().track(owner, TaskKind.ASYNC, source, () -> call.stop("it was cancelled"));
        holding(a, task, holds);
        asyncJobs.merge(a.id(), 1, Integer::sum);
        running.add(call);
        game.pump().track(call.outcome(), () -> call.stop("the game reloaded without waiting for it"));
        call.outcome().thenAccept(outcome -> game.loop().execute(() -> {
            running.remove(call);
            asyncJobs.computeIfPresent(a.id(), (k, n) -> n <= 1 ? null : n - 1);
            boolean cancelled = !task.active();
            game.tasks().ended(task);
            String what = "Your task #" + task.id() + " (async)";
            boolean givenUp = !call.left().isDone() && asyncGivenUp(a.id(), call.left());
            if (cancelled) {
                if (givenUp) {
                    tell(owner, what + " was cancelled, but it is still running inside the JDK, where it cannot be"
                            + " stopped; java is paused for you until it ends.");
                }
                return; // its owner (or an admin) cancelled it: nothing more is owed
            }
            if (givenUp && outcome instanceof CallOutcome.Stopped<AsyncResult> st) {
                LOG.log(System.Logger.Level.WARNING, "{0} of {1} was given up inside the JDK: {2}", what, owner.name(),
                        st.reason());
                tell(owner, what + " was stopped: " + st.reason() + "; java is paused for you until it ends.");
                return;
            }
            if (outcome instanceof CallOutcome.Returned<AsyncResult> r) {
                if (r.value().error() != null) {
                    Exception e = r.value().error();
                    SnippetCallback.run(this, owner, engine, tier.budget(), onError, () -> {
                        onError.call(e);
                        return null;
                    }, what + " onError", source);
                } else if (onReturn != null) {
                    @SuppressWarnings("unchecked")
                    T value = (T) r.value().value();
                    SnippetCallback.run(this, owner, engine, tier.budget(), onReturn, () -> {
                        onReturn.call(value);
                        return null;
                    }, what + " onReturn", source);
                }
                return;
            }
            SnippetCallback.report(this, owner, outcome, what, source);
        }));
        return task;
    }

    /**
     * A runAsync job was given up while its thread is still inside the JDK: its owner's java (and
     * callbacks) wait until that thread is out, and a worker is added meanwhile (at most
     * {@link #MAX_EXTRA_ASYNC_WORKERS}) so that other accounts' jobs start. Returns whether the
     * thread was still busy. Loop only.
     */
    private boolean asyncGivenUp(long accountId, CompletableFuture<Void> left) {
        if (left.isDone()) {
            return false;
        }
        counted(left);
        markStuck(accountId, left);
        if (extraAsyncWorkers < MAX_EXTRA_ASYNC_WORKERS) {
            extraAsyncWorkers++;
            resizeAsyncWorkers();
            left.whenComplete((v, f) -> game.loop().execute(() -> {
                extraAsyncWorkers--;
                resizeAsyncWorkers();
            }));
        } else {
            LOG.log(System.Logger.Level.WARNING, "{0} runAsync workers are stuck inside the JDK; no more are added",
                    extraAsyncWorkers + 1);
        }
        return true;
    }

    /** Sets the async pool to its configured size plus one per stuck worker. Loop only. */
    private void resizeAsyncWorkers() {
        int size = settings.asyncWorkers() + extraAsyncWorkers;
        if (size > asyncWorkers.getMaximumPoolSize()) {
            asyncWorkers.setMaximumPoolSize(size); // grow: the maximum first, then the core (which starts a thread)
            asyncWorkers.setCorePoolSize(size);
        } else {
            asyncWorkers.setCorePoolSize(size); // shrink: idle threads past it end
            asyncWorkers.setMaximumPoolSize(size);
        }
    }

    /**
     * Starts {@code body} as an interactive flow of {@code s}'s player: in turns on the loop, under
     * the tier's budget per step (each stretch between two waits), talking to {@code s}. Loop only.
     *
     * @throws IllegalStateException if the account has as many tasks as it may
     */
    <V> Flow<V> interactive(Session s, FlowBody<V> body) {
        Account a = s.account();
        if (a == null) {
            throw new IllegalStateException("only a logged-in player's snippets can start a flow");
        }
        checkTaskQuota(a);
        if (stuck(a.id())) {
            throw new IllegalStateException("a snippet of yours is still running inside the JDK, where it cannot be"
                    + " stopped; no flow starts until it ends");
        }
        long flows = game.tasks().of(a.id()).stream().filter(t -> t.kind() == TaskKind.INTERACTIVE).count();
        if (flows >= FLOWS_PER_ACCOUNT) {
            throw new IllegalStateException("you have " + flows + " interactive flows running, the most an account may"
                    + " have at once; wait for one to end, or cancel one (tasks/cancel <id>)");
        }
        Tier tier = tierOf(s);
        long holds = checkTaskHolds(a, tier, "interactive", body, List.of());
        ReplEngine engine = tiers.get(tier.name()).engine();
        TaskOwner owner = new TaskOwner(a.id(), a.name());
        String source = sourceOf(s);
        FlowLauncher launcher = new FlowLauncher() {
            @Override
            public CompletableFuture<FlowEnd> launch(Object lambda, java.util.concurrent.Callable<Object> invoke) {
                return engine.call(lambda, invoke, callbackRunner(owner, tier.budget().wall()), tier.budget()).outcome()
                        .thenApply(JavaService::flowEnd);
            }

            @Override
            public void callback(Object lambda, java.util.concurrent.Callable<?> invoke, String what) {
                SnippetCallback.run(JavaService.this, owner, engine, tier.budget(), lambda, invoke, what, source);
            }

            @Override
            public long allocationLimit() {
                return Math.max(tier.retainedBytes(), tier.budget().allocatedBytes());
            }
        };
        Flow<V> flow = game.flows().interactive(s, owner, source, body, launcher);
        holding(a, flow, holds);
        return flow;
    }

    private static FlowEnd flowEnd(CallOutcome<Object> outcome) {
        return switch (outcome) {
            case CallOutcome.Returned<Object> r -> new FlowEnd.Returned(r.value());
            case CallOutcome.Threw<Object> t -> t.failure().type().equals(FlowCancelledException.class.getName())
                    ? new FlowEnd.Cancelled(String.valueOf(t.failure().message()))
                    : new FlowEnd.Failed(failureLines(t.failure()));
            case CallOutcome.Stopped<Object> st -> new FlowEnd.Failed(List.of("was stopped: " + st.reason() + "."));
        };
    }

    private static List<String> failureLines(dev.cantrip.repl.SnippetOutcome.Failure f) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add("threw:");
        lines.addAll(OutcomeText.lines(new dev.cantrip.repl.SnippetOutcome.Thrown("", f)));
        return lines;
    }

    /** What runAsync work returned, or (with an onError) the exception it threw. */
    private record AsyncResult(Object value, Exception error) {}

    /**
     * Schedules a snippet's callback for account {@code a} (typed in session {@code s}, or null
     * for a task rebuilt after a restart): {@code invoke} calls {@code lambda} with {@code args}
     * and runs, when due, under the tier's budget. Made persistent, it is kept as the lambda's
     * source and those values. Loop only.
     *
     * @throws IllegalStateException if the account has as many tasks pending as it may
     */
    Task schedule(Account a, Session s, Duration after, Object lambda, java.util.concurrent.Callable<?> invoke,
                  List<Object> args) {
        checkTaskQuota(a);
        Tier tier = tierFor(a);
        long holds = checkTaskHolds(a, tier, "delay", lambda, args);
        TaskOwner owner = new TaskOwner(a.id(), a.name());
        SnippetCallback callback = new SnippetCallback(this, owner, tiers.get(tier.name()).engine(), tier.budget(),
                lambda, invoke);
        String source = sourceOf(s);
        Task[] made = new Task[1];
        Persister persister = () -> {
            LambdaSource described;
            try {
                described = ReplEngine.sourceOf(lambda);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task #" + made[0].id() + " cannot be made persistent: its callback "
                        + e.getMessage(), e);
            }
            try {
                return TaskSpecs.encode(source, described, args);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("task #" + made[0].id() + " cannot be made persistent: "
                        + e.getMessage() + "; it stays scheduled until a reload", e);
            }
        };
        Task t = game.tasks().delay(owner, after, source, callback, persister);
        holding(a, t, holds);
        made[0] = t;
        callback.task(t);
        return t;
    }

    /**
     * Measures what a new task's callback holds (its captured values and arguments, measured
     * as a session's variables are),
     * and refuses it when that and what the account's active tasks hold already would pass the tier's
     * retained budget: a task keeps what its callback captured until it fires, where the session's
     * measure (its variables) does not reach, so a thousand {@code delay}s each capturing a 30 MB array
     * (each within the allocation budget of its evaluation) filled the heap. Returns what it holds.
     * On the loop, inside the calling run: bounded by {@link #TASK_HOLDS_VISITS}.
     *
     * @throws IllegalStateException naming the sizes, when it would be over
     */
    private long checkTaskHolds(Account a, Tier tier, String what, Object callback, List<?> args) {
        Map<String, Object> roots = new java.util.LinkedHashMap<>();
        roots.put("callback", callback);
        roots.put("arguments", args);
        long holds = new dev.cantrip.repl.RetainedSize(JavaService::snippetClass, TASK_HOLDS_VISITS).measure(roots).bytes();
        long others = 0;
        Map<dev.cantrip.tasks.Task, Long> held = taskHolds.get(a.id());
        if (held != null) {
            held.keySet().removeIf(t -> !t.active());
            for (long b : held.values()) {
                others += b;
            }
        }
        long limit = tier.retainedBytes();
        if (holds + others > limit) {
            throw new IllegalStateException(what + " refused: its callback holds "
                    + dev.cantrip.repl.RetainedSize.describe(holds) + " and your other tasks "
                    + dev.cantrip.repl.RetainedSize.describe(others) + ", over the "
                    + dev.cantrip.repl.RetainedSize.describe(limit) + " your tasks may keep (your tier's retained"
                    + " budget); capture less, or cancel some (tasks/cancel <id>)");
        }
        return holds;
    }

    /** Lists what task {@code t} of {@code a} holds, if it is enough to list. Loop only. */
    private void holding(Account a, dev.cantrip.tasks.Task t, long holds) {
        if (holds >= TASK_HOLDS_KEPT) {
            taskHolds.computeIfAbsent(a.id(), k -> new java.util.IdentityHashMap<>()).put(t, holds);
        }
    }

    /** Whether {@code c} was defined by a snippet (its fields are walked): JShell's classes and their lambdas. */
    private static boolean snippetClass(Class<?> c) {
        return c.getName().startsWith("REPL.") && c.getClassLoader() != JavaService.class.getClassLoader();
    }

    /** Refuses a new task for an account that has as many as it may ({@code java.max-tasks}). */
    private void checkTaskQuota(Account a) {
        int pending = game.tasks().pendingOf(a.id());
        if (pending >= settings.maxTasks()) {
            throw new IllegalStateException("you have " + pending + " tasks pending, the most an account may have"
                    + " (java.max-tasks); cancel some first (tasks/cancel <id>)");
        }
    }

    /** What a task made in session {@code s} is listed with: the input that made it. */
    private String sourceOf(Session s) {
        State st = s == null ? null : states.get(s);
        return st == null || st.input == null ? "(a rebuilt task)" : st.input;
    }

    /** The tier of an account's snippets. */
    private Tier tierFor(Account a) {
        Tiered t = tiers.get(JavaTiers.forRole(a.role()));
        return t != null ? t.tier() : tiers.get(JavaTiers.DEVELOPER).tier();
    }

    // ---- persistent tasks after a restart or reload ----

    /** Values kept by a task being rebuilt, for its rebuild input to read ({@link SnippetApi#restored}). */
    private static final class Rebuild {
        final long ownerId;
        final List<Object> captured;
        final List<Object> variables;
        volatile Object callback;

        Rebuild(long ownerId, List<Object> captured, List<Object> variables) {
            this.ownerId = ownerId;
            this.captured = captured;
            this.variables = variables;
        }
    }

    /**
     * An account's rebuild JShell, its bindings following the account, not a session; and what has
     * been compiled in it. The declarations an owner's tasks share (imports, methods, types) are
     * compiled here once, as soon as the tasks are read back; each task then compiles only its own
     * callback. Loop only, except {@link #failed}.
     */
    private static final class Rebuilder {
        final Account account;
        ReplSession session; // null after a compile in it was given up: opened again when next needed
        final Set<String> queued = new HashSet<>(); // declarations (as keyed) compiled here or queued
        final Map<String, String> failed = new java.util.concurrent.ConcurrentHashMap<>(); // declaration -> why

        Rebuilder(Account account) {
            this.account = account;
        }
    }

    /** One rebuild compile (a declaration, or a task's callback) longer than this is given up. */
    private static final Duration REBUILD_GIVE_UP = Duration.ofMinutes(2);
    /** Rebuild compiles at once, over all owners (one per owner): the loop keeps a core to itself. */
    private static final int REBUILDS_AT_ONCE = Math.clamp(Runtime.getRuntime().availableProcessors() - 1, 1, 4);

    // Tasks being rebuilt now, by id; each account's rebuilder; the bounded queue of rebuild compiles.
    private final Map<Long, Rebuild> rebuilding = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Long, Rebuilder> rebuilders = new HashMap<>();
    private RebuildQueue rebuildQueue;

    /**
     * The {@link dev.cantrip.tasks.Restorer} of snippets' persistent tasks: reads a task back (cheap:
     * nothing is compiled yet, so start-up and a reload never wait for compiles) and queues its
     * owner's shared declarations to be compiled. Loop only.
     */
    private Restorer.Restored restore(long id, long ownerId, String text) {
        Account a = game.accounts().findById(ownerId).orElse(null);
        TaskOwner owner = new TaskOwner(ownerId, a == null ? "#" + ownerId : a.name());
        TaskSpecs.Spec spec;
        try {
            spec = TaskSpecs.decode(text);
        } catch (RuntimeException e) {
            return new Restorer.Restored.Broken(owner, "(unreadable)", "it could not be read back: " + e.getMessage());
        }
        if (a == null) {
            return new Restorer.Restored.Broken(owner, spec.source(), "its owner's account no longer exists");
        }
        try {
            liveValues(spec); // a game object it names that is gone: broken now, not when due
        } catch (TaskSpecs.MissingObject e) {
            return new Restorer.Restored.Broken(owner, spec.source(), e.getMessage());
        }
        compileDeclarations(a, spec.declarations());
        return new Restorer.Restored.Ready(owner, spec.source(), task -> rebuild(task, owner, spec));
    }

    private record Live(List<Object> args, List<Object> captured, List<Object> variables) {}

    private Live liveValues(TaskSpecs.Spec spec) throws TaskSpecs.MissingObject {
        List<Object> args = new java.util.ArrayList<>();
        for (int i = 0; i < spec.args().size(); i++) {
            args.add(TaskSpecs.live(spec.args().get(i), game.world(), "argument " + (i + 1)));
        }
        List<Object> captured = new java.util.ArrayList<>();
        for (TaskSpecs.Typed c : spec.captured()) {
            captured.add(TaskSpecs.live(c, game.world(), "the value it captured as " + c.name()));
        }
        List<Object> variables = new java.util.ArrayList<>();
        for (TaskSpecs.Typed v : spec.variables()) {
            variables.add(TaskSpecs.live(v, game.world(), "the session variable " + v.name()));
        }
        return new Live(args, captured, variables);
    }

    private RebuildQueue rebuildQueue() {
        if (rebuildQueue == null) {
            rebuildQueue = new RebuildQueue(game.loop(), REBUILDS_AT_ONCE, REBUILD_GIVE_UP);
        }
        return rebuildQueue;
    }

    /** {@code rb}'s JShell, opened now if it has none (new, given up, or ended for idling). */
    private ReplSession session(Rebuilder rb) {
        if (rb.session == null || rb.session.ended().isPresent()) {
            rb.session = openRebuilder(rb.account, tiers.get(tierFor(rb.account).name()).engine());
        }
        return rb.session;
    }

    /**
     * Queues those of {@code declarations} not queued yet for {@code a}'s rebuild JShell, as one
     * input: an owner's tasks share them, so each is compiled once for all of them.
     */
    private void compileDeclarations(Account a, List<String> declarations) {
        if (declarations.isEmpty()) {
            return;
        }
        Rebuilder rb = rebuilders.computeIfAbsent(a.id(), k -> new Rebuilder(a));
        List<String> fresh = new java.util.ArrayList<>();
        for (String d : declarations) {
            if (rb.queued.add(TaskSpecs.declarationKey(d))) {
                fresh.add(d);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        TaskOwner owner = new TaskOwner(a.id(), a.name());
        StringBuilder input = new StringBuilder();
        fresh.forEach(d -> input.append(TaskSpecs.terminated(d)).append('\n'));
        rebuildQueue().submit(a.id(), () -> session(rb).evaluate(input.toString(),
                callbackRunner(owner, tierFor(a).budget().wall()), o -> {
                    String why = rebuildProblem(o);
                    if (why != null) {
                        rb.failed.putIfAbsent(TaskSpecs.declarationKey(o.source()), why);
                    }
                }), () -> {
                    String why = "compiling what it uses took longer than " + describe(REBUILD_GIVE_UP);
                    fresh.forEach(d -> rb.failed.putIfAbsent(TaskSpecs.declarationKey(d), why));
                    giveUp(rb);
                });
    }

    /** A rebuild compile in {@code rb}'s JShell ran past its bound: later ones go to a fresh JShell. */
    private void giveUp(Rebuilder rb) {
        if (rb.session != null) {
            rb.session.close(); // its worker is inside javac, which cannot be interrupted
            rb.session = null;
        }
    }

    /** Why a rebuild input's outcome means the task cannot run, or null if it does not. */
    private static String rebuildProblem(dev.cantrip.repl.SnippetOutcome o) {
        return switch (o) {
            case dev.cantrip.repl.SnippetOutcome.Diagnosed d -> d.diagnostics().stream().findFirst()
                    .map(x -> "it no longer compiles: " + x.message()
                            + (x.lineText().isBlank() ? "" : " (" + abbreviate(x.lineText().strip()) + ")"))
                    .orElse("it no longer compiles");
            case dev.cantrip.repl.SnippetOutcome.Rejected r -> "it is no longer allowed: " + r.reason();
            case dev.cantrip.repl.SnippetOutcome.Thrown t -> "rebuilding it threw " + t.failure().type()
                    + (t.failure().message() == null ? "" : ": " + t.failure().message());
            case dev.cantrip.repl.SnippetOutcome.Stopped st -> "rebuilding it was stopped: " + st.reason();
            default -> null;
        };
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }

    /**
     * A restored task came due: its callback is compiled again, as typed, in its owner's rebuild
     * JShell (their tier), after the declarations it uses (compiled there once for all the owner's
     * tasks). Completes with the work that runs it like any callback, or broken: it no longer
     * compiles, a game object it names is gone, or its rebuild was given up. The task stays in the
     * store meanwhile. Loop only.
     */
    private CompletableFuture<Restorer.Rebuilt> rebuild(Task task, TaskOwner owner, TaskSpecs.Spec spec) {
        CompletableFuture<Restorer.Rebuilt> result = new CompletableFuture<>();
        Account a = game.accounts().findById(owner.accountId()).orElse(null);
        if (a == null) {
            return CompletableFuture.completedFuture(new Restorer.Rebuilt.Broken("its owner's account no longer exists"));
        }
        Live live;
        try {
            live = liveValues(spec);
        } catch (TaskSpecs.MissingObject e) {
            return CompletableFuture.completedFuture(new Restorer.Rebuilt.Broken(e.getMessage()));
        }
        compileDeclarations(a, spec.declarations()); // queued already, unless a reload or give-up came between
        Rebuilder rb = rebuilders.computeIfAbsent(a.id(), k -> new Rebuilder(a));
        rebuildQueue().submit(a.id(), () -> compileTask(task, owner, rb, spec, live, result), () -> {
            result.complete(new Restorer.Rebuilt.Broken("rebuilding it took longer than " + describe(REBUILD_GIVE_UP)));
            giveUp(rb);
        });
        return result;
    }

    /**
     * Compiles one task's callback, with those of its declarations its owner's rebuild JShell lacks
     * (one a later task redefined, or all of them in a fresh JShell); not those that already failed
     * there: a callback that needs one fails to compile and is broken with that declaration's reason.
     */
    private CompletableFuture<?> compileTask(Task task, TaskOwner owner, Rebuilder rb, TaskSpecs.Spec spec, Live live,
                                             CompletableFuture<Restorer.Rebuilt> result) {
        Account a = rb.account;
        String failedDeclaration = spec.declarations().stream().map(d -> rb.failed.get(TaskSpecs.declarationKey(d)))
                .filter(Objects::nonNull).findFirst().orElse(null);
        Tier tier = tierFor(a);
        ReplEngine engine = tiers.get(tier.name()).engine();
        ReplSession rs = session(rb);
        Rebuild rebuild = new Rebuild(a.id(), live.captured(), live.variables());
        rebuilding.put(task.id(), rebuild);
        List<String> problems = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        CompletableFuture<Evaluation> done = rs.snippets().thenCompose(active -> {
            Set<String> have = new HashSet<>();
            active.forEach(i -> have.add(TaskSpecs.declarationKey(i.source())));
            List<String> missing = spec.declarations().stream().filter(d -> !have.contains(TaskSpecs.declarationKey(d))
                    && !rb.failed.containsKey(TaskSpecs.declarationKey(d))).toList();
            return rs.evaluate(TaskSpecs.rebuildInput(task.id(), spec, missing), callbackRunner(owner, tier.budget().wall()),
                    o -> {
                        String why = rebuildProblem(o);
                        if (why != null) {
                            problems.add(why);
                        }
                    });
        });
        done.whenComplete((e, failure) -> game.loop().execute(() -> {
            rebuilding.remove(task.id());
            Object callback = rebuild.callback;
            if (callback == null) {
                result.complete(new Restorer.Rebuilt.Broken(failedDeclaration != null ? failedDeclaration
                        : !problems.isEmpty() ? problems.getLast() : failure != null ? "it could not be rebuilt: " + failure : "it could not be rebuilt"));
                return;
            }
            // Admitted like any task's callback: the task stays pending, and on disk, until a slot is its.
            SnippetCallback work = new SnippetCallback(this, owner, engine, tier.budget(), callback, () -> {
                invokeRebuilt(callback, live.args());
                return null;
            });
            work.task(task);
            result.complete(new Restorer.Rebuilt.Runs(work));
        }));
        return done;
    }

    /** A reload replaced the world: rebuild JShells hold its objects; compiles not started are dropped. */
    private void closeRebuilders() {
        rebuilders.values().forEach(rb -> {
            if (rb.session != null) {
                rb.session.close();
            }
        });
        rebuilders.clear();
        if (rebuildQueue != null) {
            rebuildQueue.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private static void invokeRebuilt(Object callback, List<Object> args) {
        switch (callback) {
            case Callback0 c -> c.call();
            case Callback1<?> c -> ((Callback1<Object>) c).call(args.get(0));
            case dev.cantrip.tasks.Callback2<?, ?> c -> ((dev.cantrip.tasks.Callback2<Object, Object>) c)
                    .call(args.get(0), args.get(1));
            case dev.cantrip.tasks.Callback3<?, ?, ?> c -> ((dev.cantrip.tasks.Callback3<Object, Object, Object>) c)
                    .call(args.get(0), args.get(1), args.get(2));
            default -> throw new IllegalStateException("not a callback: " + callback.getClass().getName());
        }
    }

    /** An account's JShell for rebuilding its persistent tasks: its bindings follow the account, not a session. */
    private ReplSession openRebuilder(Account a, ReplEngine engine) {
        long id = a.id();
        Supplier<Account> account = () -> game.accounts().findById(id).orElse(null);
        Supplier<GameObject> character = () -> characterOf(id);
        SnippetApi api = new SnippetApi(game, this, account);
        Map<String, Supplier<?>> bindings = bindings(character, account, () -> game.sessions().all().stream()
                .filter(x -> x.account() != null && x.account().id() == id).findFirst().orElse(null), api);
        TaskOwner owner = new TaskOwner(id, a.name());
        return engine.open("tasks of " + a.name(), bindings, line -> game.loop().execute(() -> game.tellOwner(owner, line)));
    }

    Object restoredValue(SnippetApi api, long taskId, String kind, int index) {
        Rebuild r = rebuilding.get(taskId);
        if (!api.rebuilding() || r == null || r.ownerId != api.accountId()) {
            throw new IllegalStateException("restored(...) is for the server's own use while it rebuilds a task");
        }
        return switch (kind) {
            case "cap" -> r.captured.get(index);
            case "var" -> r.variables.get(index);
            default -> throw new IllegalArgumentException("no such kind of kept value: " + kind);
        };
    }

    void rebuilt(SnippetApi api, long taskId, Object callback) {
        Rebuild r = rebuilding.get(taskId);
        if (!api.rebuilding() || r == null || r.ownerId != api.accountId()) {
            throw new IllegalStateException("rebuilt(...) is for the server's own use while it rebuilds a task");
        }
        r.callback = callback;
    }

    /** Whether the caller's last input called {@code exit()}. */
    boolean takeExitRequest(Session s) {
        State st = states.get(s);
        return st != null && st.api.takeExitRequest();
    }

    /**
     * The state of {@code s}, opened now if it has none or its old one ended; tells why it was
     * cleared. Null, with {@code s} told why, if its account has Java state in as many other
     * connections as it may ({@link #JAVA_SESSIONS_PER_ACCOUNT}).
     */
    State state(Session s) {
        State st = states.computeIfAbsent(s, k -> new State());
        if (st.repl != null && st.repl.ended().isPresent()) {
            EndReason why = st.repl.ended().get();
            st.clearedNote = "Your Java state was cleared: " + (why == EndReason.IDLE
                    ? "it was not used for " + describe(settings.idleTimeout()) + "."
                    : why.description() + ".");
            st.repl = null;
        }
        if (st.repl != null && st.tier != tierOf(s)) {
            st.repl.close(); // the account's role changed: its snippets now run under another tier
            st.repl = null;
            st.clearedNote = "Your Java state was cleared: your role changed, and with it what snippets may use.";
        }
        if (st.repl == null && s.account() != null) {
            long id = s.account().id();
            long others = states.entrySet().stream().filter(e -> e.getKey() != s && e.getKey().account() != null
                    && e.getKey().account().id() == id && e.getValue().repl != null
                    && e.getValue().repl.ended().isEmpty()).count();
            if (others >= JAVA_SESSIONS_PER_ACCOUNT) {
                s.send("You have Java state open in " + others + " other connections, the most an account may have"
                        + " at once: use java in one of them, or leave one (its Java state ends with it).");
                return null;
            }
        }
        if (st.repl == null) {
            st.api = new SnippetApi(game, this, s);
            st.tier = tierOf(s);
            st.repl = open(s, st.api, st.tier);
        }
        if (st.clearedNote != null) {
            s.send(st.clearedNote);
            st.clearedNote = null;
        }
        return st;
    }

    private ReplSession open(Session s, SnippetApi api, Tier tier) {
        // After the player leaves, code of theirs that still runs (a delay's callback) sees their
        // character where the session left it, not null.
        long accountId = s.account() == null ? -1 : s.account().id();
        Supplier<GameObject> character = () -> {
            GameObject c = s.character();
            return c != null || accountId < 0 ? c : characterOf(accountId);
        };
        // Owned by the account: its compiles share one slot, so a slow one holds back only its own.
        return tiers.get(tier.name()).engine().open(s.toString(), accountId < 0 ? null : accountId,
                bindings(character, s::account, () -> s, api), s::send);
    }

    /** What snippets see as {@code self}, {@code me}, {@code here}, {@code account}, {@code session} and the hidden API. */
    private static Map<String, Supplier<?>> bindings(Supplier<GameObject> character, Supplier<Account> account,
                                                     Supplier<Session> session, SnippetApi api) {
        return Map.of(
                "self", character,
                "me", character,
                "here", () -> {
                    GameObject c = character.get();
                    return c == null ? null : c.location();
                },
                "account", account,
                "session", session,
                API_BINDING, () -> api);
    }

    /** The character of account {@code accountId}, or null if the account or its character is gone. Loop only. */
    private GameObject characterOf(long accountId) {
        return game.accounts().findById(accountId).flatMap(a -> game.world().find(a.characterId())).orElse(null);
    }

    private void failed(Session s, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof SessionEndedException ended) {
            s.send(ended.reason() == EndReason.ENGINE_STOPPED
                    ? "The Java engine has stopped (the server is shutting down)."
                    : "Your Java state was cleared while that waited (" + ended.reason().description()
                            + "); type it again.");
            return;
        }
        String incident = Long.toString(System.nanoTime() & 0xFFFFFF, 36);
        LOG.log(System.Logger.Level.ERROR, "incident " + incident + ": the Java engine failed for " + s, t);
        s.send("The Java engine failed on that; it has been logged (incident " + incident + ").");
    }

    private void sessionEnded(Session s) {
        State st = states.remove(s);
        if (st != null && st.repl != null) {
            st.repl.close();
        }
    }

    private void reloaded() {
        // Rebuild JShells hold objects of the world just replaced, like everyone else's.
        closeRebuilders();
        // Variables would hold objects of the world that was just replaced: start everyone afresh.
        for (State st : states.values()) {
            if (st.repl != null) {
                st.repl.close();
                st.repl = null;
                st.clearedNote = "Your Java state was cleared because the game reloaded.";
            }
        }
    }

    private static String describe(Duration d) {
        long minutes = d.toMinutes();
        if (minutes >= 1 && d.toSecondsPart() == 0) {
            return minutes == 1 ? "a minute" : minutes + " minutes";
        }
        return d.toSeconds() + " seconds";
    }

    /** Ends every Java session and stops the engine. Any thread. */
    @Override
    public void close() {
        if (heapPressure != null) {
            heapPressure.close();
        }
        asyncWorkers.shutdownNow();
        tiers.values().forEach(t -> t.engine().close());
    }
}
