package dev.cantrip.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.game.StoredTasks;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.store.Change;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent tasks read back from a real store while their work is compiled again: the crash and
 * reload windows of "fires exactly once". A task stays on disk until it fires; a stop, a cancel, a
 * reload or a failed rebuild at any point leaves it pending, gone, rebuilt for the new world, or
 * broken, never lost and never run twice.
 */
class PersistentRebuildTest {

    private static final TaskOwner ANN = new TaskOwner(1, "Ann");

    @TempDir
    Path dir;
    private final TaskSchedulerTest.MovableClock clock = new TaskSchedulerTest.MovableClock();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    // Rebuilds asked for and not completed by the restorer itself, by task id (the test completes them).
    private final Map<Long, CompletableFuture<Restorer.Rebuilt>> asked = new ConcurrentHashMap<>();
    // Whether the task's removal was durable when its work ran.
    private final List<Boolean> removalDurableWhenRun = new CopyOnWriteArrayList<>();
    private Store store;
    private GameLoop loop;
    private Tasks tasks;

    @BeforeEach
    void open() {
        store = Store.open("jdbc:h2:file:" + dir.resolve("db"));
        loop = GameLoop.start("rebuild-test-loop");
        tasks = on(() -> Tasks.start(loop, StoredTasks.in(store), clock, (owner, text) -> told.add(owner.name() + ": " + text)));
    }

    @AfterEach
    void close() {
        if (loop != null) {
            loop.close();
            store.close();
        }
    }

    /** Stops as SIGTERM does: the loop ends, what was submitted is written, the store closes. */
    private void stopAndStartAgain() {
        loop.close();
        store.close();
        loop = null;
        open();
    }

    private <T> T on(Supplier<T> work) {
        return loop.call(work).join();
    }

    private void onLoop(Runnable work) {
        on(() -> {
            work.run();
            return null;
        });
    }

    /** The tasks on disk now (after everything submitted so far is written). */
    private List<Snapshot.TaskRow> onDisk() {
        store.flush(Duration.ofSeconds(30));
        return store.load().tasks();
    }

    /** Writes a persistent task as a previous run of the server would have. */
    private void stored(long id, long dueIn, String spec) {
        store.submit(new Change.TaskSaved(id, ANN.accountId(), clock.millis() + dueIn, null, null, spec));
        store.flush(Duration.ofSeconds(30));
    }

    /**
     * A restorer whose rebuilds the test completes ({@link #asked}), except for a spec starting
     * with "ready:", which is rebuilt at once.
     */
    private Restorer restorer() {
        return (id, ownerId, spec) -> new Restorer.Restored.Ready(ANN, spec, task -> {
            if (spec.startsWith("ready:")) {
                return CompletableFuture.completedFuture(runs(spec));
            }
            CompletableFuture<Restorer.Rebuilt> f = new CompletableFuture<>();
            asked.put(task.id(), f);
            return f;
        });
    }

    private Restorer.Rebuilt.Runs runs(String name) {
        return new Restorer.Rebuilt.Runs(() -> {
            removalDurableWhenRun.add(store.lastDurable() == store.lastSubmitted());
            ran.add(name);
        });
    }

    /** Reads the store back as a start does. */
    private void start() {
        Snapshot s = store.load();
        onLoop(() -> tasks.restore(StoredTasks.rows(s), 100, restorer()));
    }

    /** Lets the loop run what is due and what that queued (rebuilds finish through the loop). */
    private void settle() {
        onLoop(tasks::runDue);
        store.flush(Duration.ofSeconds(30));
        onLoop(() -> { });
        onLoop(() -> { });
    }

    private void awaitRan(int n) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ran.size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("ran only " + ran + "; told " + told);
            }
            settle();
        }
    }

    private Task task(long id) {
        return on(() -> tasks.find(id).orElseThrow());
    }

    @Test
    void aStopWhileATaskIsRebuiltLeavesItPendingAndTheNextStartFiresItOnce() {
        stored(7, 0, "bell");
        start();
        settle();
        assertThat(asked).containsKey(7L); // due: its rebuild was asked for
        Task t = task(7);
        assertThat(t.rebuilding()).isTrue();
        assertThat(t.active()).isTrue();
        assertThat(on(() -> tasks.of(ANN.accountId()))).containsExactly(t); // `tasks` lists it
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(7L); // still on disk

        stopAndStartAgain(); // SIGTERM while it is being rebuilt
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(7L); // not lost
        asked.clear();
        start();
        settle();
        asked.get(7L).complete(runs("bell"));
        awaitRan(1);
        assertThat(ran).containsExactly("bell");
        assertThat(removalDurableWhenRun).containsExactly(true); // never twice: gone from disk before it runs
        assertThat(onDisk()).isEmpty();
        assertThat(on(() -> tasks.of(ANN.accountId()))).isEmpty();

        stopAndStartAgain();
        asked.clear();
        start();
        settle();
        assertThat(asked).isEmpty();
        assertThat(ran).containsExactly("bell"); // and never again
        assertThat(told).isEmpty();
    }

    @Test
    void manyTasksStoppedAtEveryPointOfTheirRebuildsEachFireExactlyOnce() {
        for (long id = 1; id <= 6; id++) {
            stored(id, 0, "t" + id);
        }
        start();
        settle();
        assertThat(asked).hasSize(6);
        asked.get(1L).complete(runs("t1")); // one fires before the stop, as in the report
        awaitRan(1);
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(2L, 3L, 4L, 5L, 6L);

        stopAndStartAgain();
        asked.clear();
        start();
        settle();
        assertThat(asked.keySet()).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L);
        for (long id = 2; id <= 6; id++) { // one at a time: each run checks that its own removal is durable
            asked.get(id).complete(runs("t" + id));
            awaitRan((int) id);
        }
        assertThat(ran).containsExactlyInAnyOrder("t1", "t2", "t3", "t4", "t5", "t6");
        assertThat(removalDurableWhenRun).containsOnly(true);
        assertThat(onDisk()).isEmpty();
    }

    @Test
    void aTaskCancelledWhileRebuiltIsRemovedAndItsRebuildNeverRuns() {
        stored(3, 0, "bell");
        start();
        settle();
        assertThat(on(() -> tasks.find(3).orElseThrow().cancel())).isTrue();
        assertThat(onDisk()).isEmpty();
        asked.get(3L).complete(runs("bell"));
        settle();
        assertThat(ran).isEmpty();
        assertThat(on(() -> tasks.find(3))).isEmpty();
    }

    @Test
    void aRebuildThatFailsKeepsTheTaskAsBrokenOnDiskAndTellsItsOwner() {
        stored(4, 0, "bell");
        start();
        settle();
        asked.get(4L).complete(new Restorer.Rebuilt.Broken("it no longer compiles: cannot find symbol"));
        settle();
        assertThat(told).containsExactly("Ann: Your task #4 is broken: it no longer compiles: cannot find symbol. It is"
                + " kept so you can see what became of it; tasks/cancel 4 removes it.");
        assertThat(task(4).broken()).contains("it no longer compiles: cannot find symbol");
        assertThat(onDisk()).extracting(Snapshot.TaskRow::broken).containsExactly("it no longer compiles: cannot find symbol");
        CompletableFuture<Restorer.Rebuilt> failing = new CompletableFuture<>();
        stored(5, 0, "gong");
        onLoop(() -> tasks.restore(StoredTasks.rows(store.load()).stream().filter(r -> r.id() == 5).toList(), 100,
                (id, owner, spec) -> new Restorer.Restored.Ready(ANN, spec, task -> failing)));
        settle();
        failing.completeExceptionally(new IllegalStateException("the engine stopped"));
        settle();
        assertThat(task(5).broken()).hasValueSatisfying(r -> assertThat(r).contains("the engine stopped"));
        assertThat(ran).isEmpty();
    }

    @Test
    void aReloadDuringARebuildRebuildsTheTaskForTheNewWorldAndItFiresOnce() {
        stored(9, 0, "bell");
        start();
        settle();
        CompletableFuture<Restorer.Rebuilt> old = asked.remove(9L);
        // A reload: hold, drop what is not persistent, read the store again, release.
        onLoop(tasks::hold);
        old.complete(runs("old world")); // finished while the reload held the tasks
        settle();
        store.flush(Duration.ofSeconds(30));
        Snapshot s = store.load();
        assertThat(s.tasks()).extracting(Snapshot.TaskRow::id).containsExactly(9L);
        onLoop(() -> {
            assertThat(tasks.dropNonPersistent("the game reloaded")).isZero();
            tasks.restore(StoredTasks.rows(s), 100, restorer());
            tasks.release();
        });
        settle();
        assertThat(ran).isEmpty(); // the action built for the old world never runs
        asked.get(9L).complete(runs("new world"));
        awaitRan(1);
        settle();
        assertThat(ran).containsExactly("new world");
        assertThat(onDisk()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void aRebuildThatFinishesDuringAReloadThatFailsFiresWhenTheTasksAreReleased() {
        stored(2, 0, "bell");
        start();
        settle();
        onLoop(tasks::hold);
        asked.get(2L).complete(runs("bell"));
        settle();
        assertThat(ran).isEmpty();
        assertThat(task(2).rebuilding()).isTrue();
        onLoop(tasks::release); // the reload failed: the world is the one the task was rebuilt for
        awaitRan(1);
        assertThat(ran).containsExactly("bell");
        assertThat(onDisk()).isEmpty();
    }

    @Test
    void aTaskThatFiredAsAReloadBeganIsWrittenBackUntilItFiresInTheNewWorld() {
        onLoop(() -> tasks.delay(ANN, Duration.ofMinutes(1), "bell", () -> ran.add("old world"), () -> "ready:bell")
                .persist());
        assertThat(onDisk()).hasSize(1);
        long id = on(() -> tasks.of(ANN.accountId()).getFirst().id());
        onLoop(() -> {
            tasks.find(id).orElseThrow().callNow(); // fires: its removal is submitted
            tasks.hold(); // and a reload begins before the removal is durable
        });
        // The removal becomes durable during the reload; the action (built for the old world) does not
        // run, and the task is written back, so that a stop before it fires again does not lose it.
        settle();
        Snapshot s = store.load();
        assertThat(s.tasks()).isEmpty();
        onLoop(() -> {
            tasks.dropNonPersistent("the game reloaded");
            tasks.restore(StoredTasks.rows(s), 100, restorer());
        });
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(id);
        assertThat(ran).isEmpty();
        onLoop(tasks::release);
        awaitRan(1);
        assertThat(ran).containsExactly("ready:bell"); // rebuilt for the new world, once
        assertThat(onDisk()).isEmpty();
    }
}
