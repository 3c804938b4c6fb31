package dev.cantrip.flow;

import dev.cantrip.host.WorldLoop;
import dev.cantrip.repl.Checkpoint;
import dev.cantrip.session.Session;
import dev.cantrip.tasks.AsyncTask;
import dev.cantrip.tasks.Callback1;
import dev.cantrip.tasks.Flow;
import dev.cantrip.tasks.FlowCancelledException;
import dev.cantrip.tasks.TaskKind;
import dev.cantrip.tasks.TaskOwner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One interactive flow: its task, the session it talks to, what it waits for now (a pause or an
 * answer), and what to run with its value. Changed on the game loop only (the flow's own code
 * runs there too, in turns).
 */
final class FlowRun<V> implements Flow<V> {

    private final Flows flows;
    private final Session session;
    private final TaskOwner owner;
    private final FlowLauncher launcher;
    private final List<Callback1<? super V>> thens = new ArrayList<>();
    private AsyncTask task;
    private CompletableFuture<?> waiting;
    private AskHandler asking;
    private String cancelled;
    private FlowEnd end;
    private long allocatedAtStart = -1; // the flow thread's allocation counter as its body began

    FlowRun(Flows flows, Session session, TaskOwner owner, FlowLauncher launcher) {
        this.flows = flows;
        this.session = session;
        this.owner = owner;
        this.launcher = launcher;
    }

    void task(AsyncTask t) {
        this.task = t;
    }

    Session session() {
        return session;
    }

    private WorldLoop loop() {
        return flows.game().loop();
    }

    // ---- what the flow's code calls (on the loop: the flow runs in turns lent by the loop) ----

    void pause(Duration d) {
        loop().checkInLoop("pause a flow");
        checkNotCancelled();
        CompletableFuture<Void> passed = new CompletableFuture<>();
        WorldLoop.Timer timer = loop().schedule(d, () -> passed.complete(null));
        waitFor(passed);
        timer.cancel();
    }

    String ask(String question, Duration timeout, String fallback) {
        loop().checkInLoop("ask in a flow");
        checkNotCancelled();
        if (session.closed()) {
            throw new FlowCancelledException("the player it asks has left");
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        waiting = answer;
        asking = new AskHandler(this, flows.escape(), question, session.handler());
        session.setHandler(asking);
        session.prompt(question + " ");
        WorldLoop.Timer timer = timeout == null ? null : loop().schedule(timeout, () -> {
            if (!answer.isDone()) {
                session.send("(no answer; taken as: " + fallback + ")");
                stopAsking();
                answer.complete(fallback);
            }
        });
        try {
            return waitFor(answer);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
        }
    }

    boolean confirm(String question) {
        while (true) {
            String a = ask(question + " (yes/no)", null, null).strip().toLowerCase(java.util.Locale.ROOT);
            switch (a) {
                case "yes", "y" -> {
                    return true;
                }
                case "no", "n" -> {
                    return false;
                }
                default -> session.send("Please answer yes or no (or " + flows.escape() + "<command> to run a"
                        + " command, abort to stop).");
            }
        }
    }

    /** On the flow's own thread, as its body begins: where its allocations are counted from. */
    void began() {
        allocatedAtStart = allocatedByThisThread();
    }

    private static long allocatedByThisThread() {
        return java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                ? t.getCurrentThreadAllocatedBytes() : -1;
    }

    /**
     * Refuses the wait (and with it the fresh budget after it) once the flow has allocated more, in
     * all its steps, than its launcher allows: what a flow keeps across waits is in its locals, where
     * no measure reaches, so what it allocated in all is the bound on what it can hold.
     */
    private void checkAllocatedInAll() {
        long limit = launcher.allocationLimit();
        long now = limit == Long.MAX_VALUE || allocatedAtStart < 0 ? -1 : allocatedByThisThread();
        if (now >= 0 && now - allocatedAtStart > limit) {
            throw new IllegalStateException("this flow has allocated " + dev.cantrip.repl.RetainedSize.describe(
                    now - allocatedAtStart) + " since it began, more than the " + dev.cantrip.repl.RetainedSize.describe(
                    limit) + " a flow may in all (its tier's retained budget), so it may not wait for a fresh budget"
                    + " any more; end it, and start another if you need to");
        }
    }

    private <T> T waitFor(CompletableFuture<T> until) {
        checkAllocatedInAll();
        waiting = until;
        try {
            return Checkpoint.await(until);
        } catch (RuntimeException e) {
            throw e; // a cancellation, as FlowCancelledException
        } catch (Exception e) {
            throw new IllegalStateException("the flow's wait failed: " + e, e);
        } finally {
            waiting = null;
        }
    }

    private void checkNotCancelled() {
        if (cancelled != null) {
            throw new FlowCancelledException(cancelled);
        }
    }

    /** Runs {@code work} on the loop after what is queued there now. */
    void later(Runnable work) {
        loop().execute(work);
    }

    /** Whether the flow's question is still waiting on {@code handler}. */
    boolean asksWith(AskHandler handler) {
        return asking == handler;
    }

    /** The session typed an answer. Loop only. */
    void answered(String line) {
        asking = null;
        if (waiting instanceof CompletableFuture<?> w && !w.isDone()) {
            @SuppressWarnings("unchecked")
            CompletableFuture<String> answer = (CompletableFuture<String>) w;
            answer.complete(line);
        }
    }

    private void stopAsking() {
        if (asking != null) {
            asking.restore(session);
            asking = null;
        }
    }

    /**
     * Cancels the flow: what it waits for throws {@link FlowCancelledException} (its finally blocks
     * run), and so does its next pause or question. Loop only.
     */
    void cancel(String reason) {
        if (end != null || cancelled != null) {
            return;
        }
        cancelled = reason;
        stopAsking();
        CompletableFuture<?> w = waiting;
        if (w != null) {
            w.completeExceptionally(new FlowCancelledException(reason));
        }
    }

    /** The body ended. Loop only. */
    @SuppressWarnings("unchecked")
    void ended(FlowEnd how) {
        if (cancelled != null && how instanceof FlowEnd.Returned) {
            how = new FlowEnd.Cancelled(cancelled); // it caught the cancellation and returned: still cancelled
        }
        end = how;
        stopAsking();
        flows.game().tasks().ended(task);
        String what = "Your flow #" + task.id() + " (interactive)";
        switch (how) {
            case FlowEnd.Returned r -> {
                for (Callback1<? super V> next : thens) {
                    V value = (V) r.value();
                    launcher.callback(next, () -> {
                        next.call(value);
                        return null;
                    }, what + " then");
                }
            }
            case FlowEnd.Failed f -> {
                List<String> lines = new ArrayList<>();
                lines.add(what + " " + f.lines().getFirst());
                f.lines().stream().skip(1).forEach(l -> lines.add("  " + l));
                flows.game().tellOwner(owner, String.join("\n", lines));
            }
            case FlowEnd.Cancelled c -> {
                if (!session.closed()) {
                    session.send(what + " was " + (c.reason().startsWith("interrupted") ? "" : "cancelled: ")
                            + c.reason() + ".");
                }
            }
        }
        thens.clear();
    }

    // ---- the Flow handle ----

    @Override
    @SuppressWarnings("unchecked")
    public Flow<V> then(Callback1<? super V> next) {
        java.util.Objects.requireNonNull(next, "next");
        loop().checkInLoop("add to a flow");
        if (end == null) {
            thens.add(next);
        } else if (end instanceof FlowEnd.Returned r) {
            V value = (V) r.value();
            launcher.callback(next, () -> {
                next.call(value);
                return null;
            }, "Your flow #" + task.id() + " (interactive) then");
        }
        return this;
    }

    @Override
    public long id() {
        return task.id();
    }

    @Override
    public TaskKind kind() {
        return TaskKind.INTERACTIVE;
    }

    @Override
    public TaskOwner owner() {
        return owner;
    }

    @Override
    public String source() {
        return task.source();
    }

    @Override
    public boolean cancel() {
        return task.cancel(); // the task's stop cancels this flow
    }

    @Override
    public boolean pause() {
        return false;
    }

    @Override
    public boolean resume() {
        return false;
    }

    @Override
    public boolean callNow() {
        return false;
    }

    @Override
    public Duration remaining() {
        return Duration.ZERO;
    }

    @Override
    public Duration runningFor() {
        return task.runningFor();
    }

    @Override
    public boolean active() {
        return end == null && task.active();
    }

    @Override
    public boolean paused() {
        return false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public Flow<V> persist() {
        throw new IllegalStateException("an interactive flow cannot be made persistent: it waits on a live thread,"
                + " which a restart ends; only delays can");
    }

    @Override
    public Optional<String> broken() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Flow #" + task.id() + " (interactive" + (active() ? "" : ", done") + ")";
    }
}
