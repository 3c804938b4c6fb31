package dev.cantrip.tasks;

import dev.cantrip.loop.GameLoop;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * {@link Tasks} on one game loop: a {@link TimerHeap} of pending tasks, an index by id, a linked
 * list per owner, and one loop timer set for the earliest due time. Scheduling, cancelling and
 * pausing are O(log n); finding a task and listing an owner's do not scan the others.
 */
final class TaskScheduler implements Tasks {

    private static final System.Logger LOG = System.getLogger(TaskScheduler.class.getName());
    // A slice of due tasks: at most this many, or this long, before the loop serves other events.
    private static final int SLICE_TASKS = 512;
    private static final long SLICE_NANOS = 1_000_000;
    private static final Comparator<Task> SOONEST = Comparator.comparing(Task::remaining).thenComparingLong(Task::id);

    private final GameLoop loop;
    private final InstantSource clock;
    private final BiConsumer<TaskOwner, String> tell;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final TimerHeap heap = new TimerHeap();
    private final Map<Long, ScheduledTask> byId = new HashMap<>();
    private final Map<Long, OwnerList> owners = new HashMap<>();
    private GameLoop.Timer wake;
    private long wakeAt = Long.MAX_VALUE;
    private boolean held;
    private boolean sliceQueued;

    /** One owner's active tasks, linked through the tasks themselves. */
    static final class OwnerList {
        final TaskOwner owner;
        ScheduledTask head;
        int count;

        OwnerList(TaskOwner owner) {
            this.owner = owner;
        }
    }

    TaskScheduler(GameLoop loop, InstantSource clock, BiConsumer<TaskOwner, String> tell) {
        this.loop = loop;
        this.clock = clock;
        this.tell = tell;
    }

    @Override
    public Task delay(TaskOwner owner, Duration after, String source, Runnable action) {
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
    public int pendingOf(long accountId) {
        loop.checkInLoop("count tasks");
        OwnerList list = owners.get(accountId);
        return list == null ? 0 : list.count;
    }

    @Override
    public void hold() {
        loop.checkInLoop("hold tasks");
        held = true;
    }

    @Override
    public void release() {
        loop.checkInLoop("release tasks");
        held = false;
        runDue();
    }

    @Override
    public int dropNonPersistent(String why) {
        loop.checkInLoop("drop tasks");
        Map<OwnerList, List<Long>> dropped = new HashMap<>();
        for (ScheduledTask t : List.copyOf(byId.values())) {
            if (!t.persistent() && t.state != ScheduledTask.RUNNING) {
                finish(t, ScheduledTask.CANCELLED);
                dropped.computeIfAbsent(t.owner, k -> new ArrayList<>()).add(t.id);
            }
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
            finish(t, ScheduledTask.DONE); // gone before it runs: it can never run twice
            run(t);
            ran++;
        }
        arm();
    }

    private void run(ScheduledTask t) {
        try {
            t.action.run();
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
            String incident = Long.toString(System.nanoTime() & 0xFFFFFF, 36);
            LOG.log(System.Logger.Level.ERROR, "incident " + incident + ": task #" + t.id + " of " + t.owner.owner.name()
                    + " failed", e);
            tell.accept(t.owner.owner, "Your task #" + t.id + " (" + t.source + ") failed: " + e
                    + " (logged as incident " + incident + ").");
        }
    }

    boolean cancel(ScheduledTask t) {
        loop.checkInLoop("cancel a task");
        if (!t.active()) {
            return false;
        }
        boolean running = t.state == ScheduledTask.RUNNING;
        finish(t, ScheduledTask.CANCELLED);
        if (running) {
            t.action.run(); // stops the work; it is gone from the listings already
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
        arm();
        return true;
    }

    boolean callNow(ScheduledTask t) {
        loop.checkInLoop("run a task now");
        if (t.state != ScheduledTask.PENDING && t.state != ScheduledTask.PAUSED) {
            return false;
        }
        finish(t, ScheduledTask.DONE);
        run(t);
        return true;
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
        heap.remove(t);
        t.state = end;
        byId.remove(t.id);
        unlink(t);
        active.decrementAndGet();
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
