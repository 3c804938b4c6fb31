package dev.cantrip.tasks;

import dev.cantrip.host.WorldLoop;
import dev.cantrip.repl.Checkpoint;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * {@link Tasks} on one game loop: a {@link TimerHeap} of pending tasks, an index by id, a linked
 * list per owner, and one loop timer set for the earliest due time. Scheduling, cancelling and
 * pausing are O(log n); finding a task and listing an owner's do not scan the others. A due task
 * whose action must be admitted first ({@link AdmittedAction}) stays registered, as waiting, until
 * it is: only then does it leave every structure, and the store.
 */
final class TaskScheduler implements Tasks {

    private static final System.Logger LOG = System.getLogger(TaskScheduler.class.getName());
    // A slice of due tasks: at most this many, or this long, before the loop serves other events.
    private static final int SLICE_TASKS = 512;
    private static final long SLICE_NANOS = 1_000_000;
    /** The store's counter of task numbers. */
    private static final Comparator<Task> SOONEST = Comparator.comparing(Task::remaining).thenComparingLong(Task::id);

    private final WorldLoop loop;
    private final TaskStore store; // null: nothing is kept on disk
    private final InstantSource clock;
    private final BiConsumer<TaskOwner, String> tell;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicIntegerArray activeByKind = new AtomicIntegerArray(TaskKind.values().length);
    private final TimerHeap heap = new TimerHeap();
    private final Map<Long, ScheduledTask> byId = new HashMap<>();
    private final Map<Long, OwnerList> owners = new HashMap<>();
    private WorldLoop.Timer wake;
    private long wakeAt = Long.MAX_VALUE;
    private boolean held;
    private boolean sliceQueued;
    // Bumped by each hold(): a reload replaces the world that actions made before it were built for.
    private long epoch;
    private Restorer lastRestorer;
    // Persistent tasks that fired before a reload and whose removal became durable during it: they
    // are rebuilt for the new world with the tasks read from the store, and run then.
    private final List<TaskRow> firedAcrossReload = new ArrayList<>();
    // Rebuilds that finished while a reload held the tasks: settled when it releases them (a reload
    // that succeeded dropped those tasks and read them back from the store; one that failed did not).
    private final List<Runnable> rebuiltWhileHeld = new ArrayList<>();
    // Due tasks whose actions wait to be admitted (AdmittedAction), in the order they came due:
    // still pending, and on disk if persistent, until admitted.
    private final java.util.Set<ScheduledTask> admitting = new java.util.LinkedHashSet<>();

    /** A due task's request for admission; which one it is tells a decision in time from a late one. */
    static final class Admitting {
        final long epoch; // the scheduler's when asked: one asked before a reload began is never used
        AdmittedAction.Request request; // set once requestAdmission returns (it may decide before)

        Admitting(long epoch) {
            this.epoch = epoch;
        }
    }

    /** One owner's active tasks, linked through the tasks themselves. */
    static final class OwnerList {
        final TaskOwner owner;
        ScheduledTask head;
        int count;

        OwnerList(TaskOwner owner) {
            this.owner = owner;
        }
    }

    TaskScheduler(WorldLoop loop, TaskStore store, InstantSource clock, BiConsumer<TaskOwner, String> tell) {
        this.loop = loop;
        this.store = store;
        this.clock = clock;
        this.tell = tell;
    }

    @Override
    public Task delay(TaskOwner owner, Duration after, String source, Runnable action) {
        return delay(owner, after, source, action, null);
    }

    @Override
    public Task delay(TaskOwner owner, Duration after, String source, Runnable action, Persister persister) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(action, "action");
        loop.checkInLoop("schedule a task");
        long now = clock.millis();
        long millis = after.isNegative() ? 0 : after.compareTo(Duration.ofDays(365_000)) > 0 ? Long.MAX_VALUE / 4
                : after.toMillis();
        ScheduledTask t = new ScheduledTask(ids.incrementAndGet(), TaskKind.DELAY, this, ownerList(owner), source, action,
                now + millis);
        t.persister = persister;
        register(t);
        heap.add(t);
        arm();
        return t;
    }

    @Override
    public AsyncTask track(TaskOwner owner, TaskKind kind, String source, Runnable stop) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stop, "stop");
        if (kind == TaskKind.DELAY) {
            throw new IllegalArgumentException("a delay is scheduled with delay(...), not tracked");
        }
        loop.checkInLoop("track a task");
        ScheduledTask t = new ScheduledTask(ids.incrementAndGet(), kind, this, ownerList(owner), source, stop,
                clock.millis());
        t.state = ScheduledTask.RUNNING;
        register(t);
        return t;
    }

    @Override
    public void ended(Task task) {
        loop.checkInLoop("end a task");
        if (task instanceof ScheduledTask t && t.scheduler == this && t.state == ScheduledTask.RUNNING) {
            finish(t, ScheduledTask.DONE);
        }
    }

    private OwnerList ownerList(TaskOwner owner) {
        OwnerList list = owners.get(owner.accountId());
        if (list == null || !list.owner.equals(owner)) {
            list = owners.computeIfAbsent(owner.accountId(), k -> new OwnerList(owner));
        }
        return list;
    }

    private void register(ScheduledTask t) {
        byId.put(t.id, t);
        link(t.owner, t);
        active.incrementAndGet();
        activeByKind.incrementAndGet(t.kind.ordinal());
    }

    @Override
    public List<Task> of(long accountId) {
        loop.checkInLoop("list tasks");
        OwnerList list = owners.get(accountId);
        List<Task> out = new ArrayList<>();
        for (ScheduledTask t = list == null ? null : list.head; t != null; t = t.ownerNext) {
            out.add(t);
        }
        out.sort(SOONEST);
        return out;
    }

    @Override
    public List<Task> all() {
        loop.checkInLoop("list tasks");
        List<Task> out = new ArrayList<>(byId.values());
        out.sort(SOONEST);
        return out;
    }

    @Override
    public Optional<Task> find(long id) {
        loop.checkInLoop("find a task");
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public int pending() {
        return active.get();
    }

    @Override
    public Map<TaskKind, Integer> pendingByKind() {
        Map<TaskKind, Integer> m = new java.util.EnumMap<>(TaskKind.class);
        for (TaskKind k : TaskKind.values()) {
            m.put(k, activeByKind.get(k.ordinal()));
        }
        return m;
    }

    @Override
    public int pendingOf(long accountId) {
        loop.checkInLoop("count tasks");
        OwnerList list = owners.get(accountId);
        return list == null ? 0 : list.count;
    }

    @Override
    public void hold() {
        loop.checkInLoop("hold tasks");
        held = true;
        epoch++;
        // Nothing is admitted while a reload replaces the world: the requests are taken back (none
        // holds anything yet). A reload that succeeds drops these tasks and reads the persistent
        // ones back from the store, where they still are; one that fails asks again at release.
        admitting.forEach(this::withdraw);
    }

    @Override
    public void release() {
        loop.checkInLoop("release tasks");
        held = false;
        List<Runnable> settle = List.copyOf(rebuiltWhileHeld);
        rebuiltWhileHeld.clear();
        settle.forEach(Runnable::run);
        if (!firedAcrossReload.isEmpty() && lastRestorer != null) {
            restore(List.of(), ids.get() + 1, lastRestorer); // a reload that failed kept the world: rebuilt all the same
        }
        for (ScheduledTask t : List.copyOf(admitting)) { // a request may be decided at once, changing the set
            if (t.state == ScheduledTask.ADMITTING && t.admitting == null) {
                requestAdmission(t, (AdmittedAction) t.work()); // the reload failed: they wait on, in the same order
            }
        }
        runDue();
    }

    @Override
    public int dropNonPersistent(String why) {
        loop.checkInLoop("drop tasks");
        Map<OwnerList, List<Long>> dropped = new HashMap<>();
        for (ScheduledTask t : List.copyOf(byId.values())) {
            if (t.state == ScheduledTask.RUNNING) {
                continue;
            }
            finish(t, ScheduledTask.CANCELLED);
            if (!t.persistent()) {
                dropped.computeIfAbsent(t.owner, k -> new ArrayList<>()).add(t.id);
            }
            // A persistent one is on disk: restore() brings it back with the world it belongs to.
        }
        int n = 0;
        for (Map.Entry<OwnerList, List<Long>> e : dropped.entrySet()) {
            List<Long> gone = e.getValue().stream().sorted().toList();
            n += gone.size();
            tell.accept(e.getKey().owner, (gone.size() == 1 ? "Your task #" + gone.getFirst() + " was"
                    : "Your " + gone.size() + " tasks " + numbers(gone) + " were") + " dropped: " + why
                    + " (only persistent tasks survive it).");
        }
        arm();
        return n;
    }

    private static String numbers(List<Long> ids) {
        List<String> shown = ids.stream().limit(10).map(i -> "#" + i).toList();
        return "(" + String.join(", ", shown) + (ids.size() > 10 ? ", ..." : "") + ")";
    }

    @Override
    public void runDue() {
        loop.checkInLoop("run due tasks");
        sliceQueued = false;
        if (held) {
            return;
        }
        long now = clock.millis();
        long start = System.nanoTime();
        int ran = 0;
        while (heap.minDue() <= now) {
            if (ran >= SLICE_TASKS || (ran > 0 && System.nanoTime() - start > SLICE_NANOS)) {
                // The rest after whatever else is waiting: a burst of due tasks never holds the loop long.
                sliceQueued = loop.execute(this::runDue);
                return;
            }
            ScheduledTask t = heap.poll();
            if (t.rebuild != null) {
                startRebuild(t); // read back from the store: compiled again first, and on disk until it fires
            } else {
                fire(t);
            }
            ran++;
        }
        arm();
    }

    /**
     * A due task read back from the store: its work is compiled again (it stays listed, as
     * rebuilding, and in the store: a stop now leaves it pending for the next start), then it fires
     * like any other. A rebuild that fails keeps it as broken.
     */
    private void startRebuild(ScheduledTask t) {
        heap.remove(t);
        t.state = ScheduledTask.REBUILDING;
        java.util.concurrent.CompletionStage<Restorer.Rebuilt> rebuilding;
        try {
            rebuilding = t.rebuild.apply(t);
        } catch (RuntimeException e) {
            rebuilding = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        rebuilding.whenComplete((r, failure) -> {
            if (!loop.execute(() -> rebuilt(t, r, failure))) {
                LOG.log(System.Logger.Level.DEBUG, "task #{0} rebuilt after the loop stopped; it stays on disk", t.id);
            }
        });
    }

    /** A rebuild finished (on the loop): the task fires now, or is kept as broken. */
    private void rebuilt(ScheduledTask t, Restorer.Rebuilt r, Throwable failure) {
        if (t.state != ScheduledTask.REBUILDING) {
            return; // cancelled meanwhile, or dropped by a reload, which read it back from the store
        }
        if (held) {
            rebuiltWhileHeld.add(() -> rebuilt(t, r, failure));
            return;
        }
        Restorer.Rebuilt outcome = failure != null ? new Restorer.Rebuilt.Broken("it could not be rebuilt: "
                + (failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null ? c.getCause()
                : failure))
                : r != null ? r : new Restorer.Rebuilt.Broken("it could not be rebuilt");
        switch (outcome) {
            case Restorer.Rebuilt.Runs runs -> {
                t.rebuild = null;
                t.rebuiltWork = runs.work();
                fire(t); // removed from the store in the step in which it fires
            }
            case Restorer.Rebuilt.Broken broken -> broke(t, broken.reason());
        }
    }

    /**
     * A due task fires. An action that must be admitted first ({@link AdmittedAction}: a snippet's
     * callback waits for a callback slot) waits for it as a task still pending, listed, cancellable
     * and, if persistent, on disk: a persistent task leaves the store only in the durable step in
     * which it runs, so a stop or reload during the wait never loses it.
     */
    private void fire(ScheduledTask t) {
        if (t.work() instanceof AdmittedAction gated) {
            heap.remove(t);
            t.state = ScheduledTask.ADMITTING;
            admitting.add(t);
            if (!held) {
                requestAdmission(t, gated); // else at release, unless the reload drops it
            }
            return;
        }
        finish(t, ScheduledTask.DONE); // gone before it runs: it can never run twice
        removeAndRun(t, () -> { });
    }

    /** Asks for {@code t}'s admission (it may be decided within this call). */
    private void requestAdmission(ScheduledTask t, AdmittedAction gated) {
        Admitting a = new Admitting(epoch);
        t.admitting = a;
        AdmittedAction.Request request = gated.requestAdmission(decision -> decided(t, a, decision));
        if (t.admitting == a) {
            a.request = request;
        }
    }

    /** {@code t}'s request {@code a} was decided: it runs (leaving the store first), or is dropped. */
    private void decided(ScheduledTask t, Admitting a, AdmittedAction.Admission decision) {
        loop.checkInLoop("admit a task");
        if (t.admitting != a || t.state != ScheduledTask.ADMITTING || held || a.epoch != epoch) {
            // Taken back meanwhile (cancelled, dropped, or held by a reload, whose world its action
            // was not built for): nothing of it may run. It runs, if at all, from a request of its own.
            if (decision instanceof AdmittedAction.Admission.Granted granted) {
                granted.giveBack().run();
            }
            if (t.admitting == a) {
                t.admitting = null; // asked again at release
            }
            return;
        }
        t.admitting = null;
        admitting.remove(t);
        finish(t, ScheduledTask.DONE); // gone before it runs: it can never run twice
        switch (decision) {
            case AdmittedAction.Admission.Granted granted -> removeAndRun(t, granted.giveBack());
            case AdmittedAction.Admission.Refused refused -> {
                // Its owner may no longer run code (demoted, or gone). A persistent task is dropped
                // too: kept, it would wait in the store for as long as the demotion lasts, perhaps
                // for ever, and fire whenever the owner's role came back, long after anyone meant it.
                if (t.persistent() && store != null) {
                    store.delete(t.id);
                }
                tell.accept(t.owner.owner, "Your task #" + t.id + " (" + t.kind.word() + ") did not run: "
                        + refused.reason() + "; it was dropped" + (t.persistent() ? ", though persistent" : "") + ".");
            }
        }
    }

    /** Takes back {@code t}'s request for admission, if it has one; {@code t} stays due and waiting. */
    private void withdraw(ScheduledTask t) {
        Admitting a = t.admitting;
        t.admitting = null;
        if (a != null && a.request != null) {
            a.request.withdraw();
        }
    }

    /** What {@code t} waits for, if it is due and waits to be admitted. */
    Optional<String> waiting(ScheduledTask t) {
        if (t.state != ScheduledTask.ADMITTING) {
            return Optional.empty();
        }
        Admitting a = t.admitting;
        return Optional.of(a == null ? "the reload to finish" : a.request == null ? "its turn" : a.request.waitingFor());
    }

    /**
     * Runs a task that fired (and was admitted: {@code giveBack} lets go of what that holds if it
     * does not run): a persistent one only once its removal is on disk, so it can never run twice.
     */
    private void removeAndRun(ScheduledTask t, Runnable giveBack) {
        if (!t.persistent() || store == null) {
            run(t, giveBack);
            return;
        }
        long seq = store.delete(t.id);
        long firedIn = epoch;
        store.whenDurable(seq, seq).whenComplete((ok, failure) -> loop.execute(() -> {
            if (failure == null && (held || firedIn != epoch)) {
                giveBack.run();
                // A reload began meanwhile: its action holds the old world's objects, and running it
                // now would change a world being replaced, after the reload's last write. It runs
                // once, rebuilt for the new world like a task read back from the store.
                // Due now (it fired, perhaps early through callNow), so it runs as soon as it is rebuilt.
                long firedAt = Math.min(t.due, clock.millis());
                TaskRow row = new TaskRow(t.id, t.owner.owner.accountId(), firedAt, null, null, t.spec);
                if (held || lastRestorer == null) {
                    firedAcrossReload.add(row);
                } else {
                    restore(List.of(row), ids.get() + 1, lastRestorer);
                }
            } else if (failure == null) {
                run(t, giveBack);
            } else {
                giveBack.run();
                LOG.log(System.Logger.Level.ERROR, "task #" + t.id + " was not run: its removal could not be written",
                        failure);
                tell.accept(t.owner.owner, "Your task #" + t.id + " did not run: it could not be removed from the"
                        + " database first (it could have run twice). The error has been logged.");
            }
        }));
    }

    private void run(ScheduledTask t, Runnable giveBack) {
        try {
            t.action.run();
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            giveBack.run(); // what it was admitted with, unless it got as far as running in it
            String incident = Long.toString(System.nanoTime() & 0xFFFFFF, 36);
            LOG.log(System.Logger.Level.ERROR, "incident " + incident + ": task #" + t.id + " of " + t.owner.owner.name()
                    + " failed", e);
            tell.accept(t.owner.owner, "Your task #" + t.id + " (" + t.source + ") failed: " + e
                    + " (logged as incident " + incident + ").");
        }
    }

    boolean cancel(ScheduledTask t) {
        loop.checkInLoop("cancel a task");
        if (!t.active() && t.state != ScheduledTask.BROKEN) {
            return false;
        }
        boolean running = t.state == ScheduledTask.RUNNING;
        finish(t, ScheduledTask.CANCELLED);
        if (running) {
            t.action.run(); // stops the work; it is gone from the listings already
        }
        if (t.persistent() && store != null) {
            store.delete(t.id);
        }
        return true;
    }

    boolean pause(ScheduledTask t) {
        loop.checkInLoop("pause a task");
        if (t.state != ScheduledTask.PENDING) {
            return false;
        }
        heap.remove(t);
        t.remainingWhenPaused = Math.max(0, t.due - clock.millis());
        t.state = ScheduledTask.PAUSED;
        save(t);
        return true;
    }

    boolean resume(ScheduledTask t) {
        loop.checkInLoop("resume a task");
        if (t.state != ScheduledTask.PAUSED) {
            return false;
        }
        t.due = clock.millis() + t.remainingWhenPaused;
        t.state = ScheduledTask.PENDING;
        heap.add(t);
        save(t);
        arm();
        return true;
    }

    boolean callNow(ScheduledTask t) {
        loop.checkInLoop("run a task now");
        if (t.state != ScheduledTask.PENDING && t.state != ScheduledTask.PAUSED) {
            return false;
        }
        if (t.rebuild != null) {
            startRebuild(t);
            return true;
        }
        fire(t);
        return true;
    }

    /** Writes a persistent task's state (not waited for: its owner is told at once, as for any change). */
    private void save(ScheduledTask t) {
        if (t.persistent() && store != null) {
            store.save(saved(t));
        }
    }

    private TaskRow saved(ScheduledTask t) {
        return new TaskRow(t.id, t.owner.owner.accountId(), t.due,
                t.state == ScheduledTask.PAUSED ? t.remainingWhenPaused : null, t.brokenReason, t.spec);
    }

    Task persist(ScheduledTask t) {
        persist(List.of(t));
        return t;
    }

    @Override
    public List<Task> persistAll(Collection<? extends Task> tasks) {
        Objects.requireNonNull(tasks, "tasks");
        List<ScheduledTask> ours = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            if (!(Objects.requireNonNull(task, "a task in tasks") instanceof ScheduledTask t) || t.scheduler != this) {
                throw new IllegalArgumentException("not a task of this game: " + task);
            }
            ours.add(t);
        }
        persist(ours);
        return List.copyOf(tasks);
    }

    /**
     * Makes {@code tasks} persistent with one wait for the disk: every one is checked and described
     * first, so either none becomes persistent (the exception says which and why) or all are
     * durable together when this returns.
     */
    private void persist(List<ScheduledTask> tasks) {
        loop.checkInLoop("persist a task");
        Map<ScheduledTask, String> specs = new LinkedHashMap<>();
        for (ScheduledTask t : tasks) {
            if (t.persistent() || specs.containsKey(t)) {
                continue;
            }
            if (t.state != ScheduledTask.PENDING && t.state != ScheduledTask.PAUSED) {
                throw new IllegalStateException("task #" + t.id + " has already run or was cancelled; only a pending task"
                        + " can be made persistent");
            }
            if (t.persister == null || store == null) {
                throw new IllegalStateException("task #" + t.id + " cannot be made persistent: only a delay a snippet made"
                        + " can be rebuilt after a restart");
            }
            specs.put(t, t.persister.spec()); // IllegalArgumentException, naming what cannot be kept
        }
        if (specs.isEmpty()) {
            return;
        }
        // Numbers are never reused, even after a restart: an old "task #12" never names a new task.
        store.advanceIds(ids.get() + 1);
        long first = -1;
        long last = -1;
        for (Map.Entry<ScheduledTask, String> e : specs.entrySet()) {
            e.getKey().spec = e.getValue();
            last = store.save(saved(e.getKey()));
            first = first < 0 ? last : first;
        }
        try {
            // Durable when persist() returns; the game goes on meanwhile (the snippet gives its turn back).
            Checkpoint.awaitInStep(store.whenDurable(first, last));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            String which = specs.size() == 1 ? "task #" + specs.keySet().iterator().next().id
                    : specs.size() + " tasks";
            throw new IllegalStateException(which + " could not be saved: " + e.getMessage()
                    + "; " + (specs.size() == 1 ? "it stays" : "they stay") + " scheduled, but will not survive a restart", e);
        }
    }

    @Override
    public void broke(Task task, String reason) {
        loop.checkInLoop("mark a task broken");
        if (!(task instanceof ScheduledTask t) || t.scheduler != this) {
            throw new IllegalArgumentException("not a task of this game: " + task);
        }
        if (t.state == ScheduledTask.BROKEN) {
            return;
        }
        if (t.active()) {
            finish(t, ScheduledTask.BROKEN);
        }
        t.state = ScheduledTask.BROKEN;
        t.brokenReason = reason;
        register(t);
        save(t);
        tell.accept(t.owner.owner, "Your task #" + t.id + " is broken: " + reason + ". It is kept so you can see what"
                + " became of it; tasks/cancel " + t.id + " removes it.");
    }

    @Override
    public void restore(List<TaskRow> stored, long nextId, Restorer restorer) {
        loop.checkInLoop("restore tasks");
        lastRestorer = restorer;
        List<TaskRow> rows = stored;
        java.util.Set<Long> backOnDisk = java.util.Set.of();
        if (!firedAcrossReload.isEmpty()) {
            rows = new ArrayList<>(stored);
            rows.addAll(firedAcrossReload);
            // Their removal is durable but they never ran: written back, so a stop before they fire
            // leaves them pending rather than lost.
            backOnDisk = firedAcrossReload.stream().map(TaskRow::id).collect(java.util.stream.Collectors.toSet());
            firedAcrossReload.clear();
        }
        long now = clock.millis();
        ids.accumulateAndGet(nextId - 1, Math::max);
        for (TaskRow row : rows) {
            ids.accumulateAndGet(row.id(), Math::max);
            Restorer.Restored r = restorer.restore(row.id(), row.ownerId(), row.spec());
            if (row.broken() != null && r instanceof Restorer.Restored.Ready ready) {
                r = new Restorer.Restored.Broken(ready.owner(), ready.source(), row.broken()); // it stays broken
            }
            TaskOwner owner = switch (r) {
                case Restorer.Restored.Ready ready -> ready.owner();
                case Restorer.Restored.Broken broken -> broken.owner();
            };
            String source = switch (r) {
                case Restorer.Restored.Ready ready -> ready.source();
                case Restorer.Restored.Broken broken -> broken.source();
            };
            ScheduledTask[] made = new ScheduledTask[1];
            ScheduledTask t = new ScheduledTask(row.id(), TaskKind.DELAY, this, ownerList(owner), source,
                    () -> made[0].rebuiltWork.run(), row.dueAt());
            made[0] = t;
            if (r instanceof Restorer.Restored.Ready ready) {
                t.rebuild = ready.rebuild();
            }
            t.spec = row.spec();
            if (r instanceof Restorer.Restored.Broken broken) {
                t.state = ScheduledTask.BROKEN;
                t.brokenReason = broken.reason();
                register(t);
                if (row.broken() == null) {
                    save(t);
                    tell.accept(owner, "Your task #" + t.id + " is broken: " + broken.reason() + ". It is kept so you"
                            + " can see what became of it; tasks/cancel " + t.id + " removes it.");
                }
                continue;
            }
            register(t);
            if (backOnDisk.contains(t.id)) {
                save(t);
            }
            if (row.pausedLeft() != null) {
                t.state = ScheduledTask.PAUSED;
                t.remainingWhenPaused = row.pausedLeft();
            } else {
                heap.add(t); // one that came due while the server was down fires now, in due order
            }
        }
        if (!rows.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0} persistent tasks restored ({1} due already)", rows.size(),
                    rows.stream().filter(x -> x.pausedLeft() == null && x.broken() == null && x.dueAt() <= now).count());
        }
        arm();
    }

    /** How long running work has been running. */
    Duration runningFor(ScheduledTask t) {
        return t.state == ScheduledTask.RUNNING ? Duration.ofMillis(Math.max(0, clock.millis() - t.due)) : Duration.ZERO;
    }

    Duration remaining(ScheduledTask t) {
        return switch (t.state) {
            case ScheduledTask.PENDING -> Duration.ofMillis(Math.max(0, t.due - clock.millis()));
            case ScheduledTask.PAUSED -> Duration.ofMillis(t.remainingWhenPaused);
            case ScheduledTask.RUNNING -> Duration.ZERO;
            default -> Duration.ZERO;
        };
    }

    /** Takes an active task out of every structure, in the given end state. */
    private void finish(ScheduledTask t, byte end) {
        if (t.state == ScheduledTask.ADMITTING) {
            withdraw(t); // out of the queue it waited in; it holds nothing yet
            admitting.remove(t);
        }
        heap.remove(t);
        t.state = end;
        byId.remove(t.id);
        unlink(t);
        active.decrementAndGet();
        activeByKind.decrementAndGet(t.kind.ordinal());
    }

    private void link(OwnerList list, ScheduledTask t) {
        t.ownerNext = list.head;
        if (list.head != null) {
            list.head.ownerPrev = t;
        }
        list.head = t;
        list.count++;
    }

    private void unlink(ScheduledTask t) {
        OwnerList list = t.owner;
        if (t.ownerPrev != null) {
            t.ownerPrev.ownerNext = t.ownerNext;
        } else {
            list.head = t.ownerNext;
        }
        if (t.ownerNext != null) {
            t.ownerNext.ownerPrev = t.ownerPrev;
        }
        t.ownerPrev = null;
        t.ownerNext = null;
        if (--list.count == 0) {
            owners.remove(list.owner.accountId(), list);
        }
    }

    /** Sets the loop's timer for the earliest due task, unless one is set for earlier. */
    private void arm() {
        if (held || sliceQueued) {
            return;
        }
        long next = heap.minDue();
        if (next == Long.MAX_VALUE || next >= wakeAt) {
            return; // nothing to wait for, or the timer already set wakes us first (and looks again)
        }
        if (wake != null) {
            wake.cancel();
        }
        wakeAt = next;
        long in = Math.max(0, next - clock.millis());
        wake = loop.schedule(Duration.ofMillis(in), () -> {
            wake = null;
            wakeAt = Long.MAX_VALUE;
            runDue();
        });
    }
}
