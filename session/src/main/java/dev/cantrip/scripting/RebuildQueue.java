package dev.cantrip.scripting;

import dev.cantrip.host.WorldLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The compiles that rebuild persistent tasks, bounded: at most {@code atOnce} run at a time, one
 * per owner (an owner's run in order in their own rebuild JShell), and owners take turns one
 * compile at a time, so one owner's slow declarations do not hold back everyone else's tasks. A
 * compile that runs past {@code giveUp} is given up: its slot is freed (the compile itself ends
 * when javac does; it cannot be interrupted) and its owner's {@code onGiveUp} is called. Nothing
 * waits on this queue: a reload or a stop goes on without it. Loop only.
 */
final class RebuildQueue {

    private static final System.Logger LOG = System.getLogger(RebuildQueue.class.getName());

    /** One compile: {@code work} starts it; {@code onGiveUp} if it runs past the bound. */
    private record Job(long owner, Supplier<CompletableFuture<?>> work, Runnable onGiveUp) {}

    private final WorldLoop loop;
    private final int atOnce;
    private final Duration giveUp;
    private final Map<Long, ArrayDeque<Job>> waiting = new HashMap<>();
    private final ArrayDeque<Long> turns = new ArrayDeque<>(); // owners with work waiting and none running
    private final Set<Long> busy = new HashSet<>();
    private int running;

    RebuildQueue(WorldLoop loop, int atOnce, Duration giveUp) {
        if (atOnce < 1) {
            throw new IllegalArgumentException("atOnce must be at least 1: " + atOnce);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.atOnce = atOnce;
        this.giveUp = Objects.requireNonNull(giveUp, "giveUp");
    }

    /** Queues a compile of {@code owner}'s; it starts after that owner's earlier ones. */
    void submit(long owner, Supplier<CompletableFuture<?>> work, Runnable onGiveUp) {
        loop.checkInLoop("queue a rebuild");
        waiting.computeIfAbsent(owner, k -> new ArrayDeque<>()).add(new Job(owner, work, onGiveUp));
        if (!busy.contains(owner) && !turns.contains(owner)) {
            turns.add(owner);
        }
        startWhatFits();
    }

    /** Forgets every compile not started yet (a reload: they were for the world it replaced). */
    void clear() {
        loop.checkInLoop("clear rebuilds");
        waiting.clear();
        turns.clear();
    }

    /** How many compiles are running now, and how many wait. */
    int running() {
        return running;
    }

    int waiting() {
        return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    private void startWhatFits() {
        while (running < atOnce && !turns.isEmpty()) {
            long owner = turns.poll();
            ArrayDeque<Job> jobs = waiting.get(owner);
            Job job = jobs == null ? null : jobs.poll();
            if (jobs != null && jobs.isEmpty()) {
                waiting.remove(owner);
            }
            if (job != null) {
                start(job);
            }
        }
    }

    private void start(Job job) {
        running++;
        busy.add(job.owner());
        boolean[] over = {false};
        CompletableFuture<?> work;
        try {
            work = job.work().get();
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> started = work;
        WorldLoop.Timer timer = loop.schedule(giveUp, () -> {
            if (!started.isDone() && !over[0]) {
                over[0] = true;
                LOG.log(System.Logger.Level.WARNING, "a rebuild of account #{0}''s tasks ran past {1} s; given up",
                        job.owner(), giveUp.toSeconds());
                job.onGiveUp().run();
                done(job);
            }
        });
        started.whenComplete((r, f) -> loop.execute(() -> {
            timer.cancel();
            if (!over[0]) {
                over[0] = true;
                done(job);
            }
        }));
    }

    private void done(Job job) {
        running--;
        busy.remove(job.owner());
        if (waiting.containsKey(job.owner())) {
            turns.add(job.owner()); // its next compile after the other owners' waiting ones
        }
        startWhatFits();
    }
}
