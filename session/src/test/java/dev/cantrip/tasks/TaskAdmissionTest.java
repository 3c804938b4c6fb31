package dev.cantrip.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.game.StoredTasks;
import dev.cantrip.loop.GameLoop;
import dev.cantrip.store.Snapshot;
import dev.cantrip.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks whose actions must be admitted before they run ({@link AdmittedAction}, as a snippet's
 * callback waits for a callback slot), on a real store: a due task waiting for admission is still
 * pending, listed, cancellable and, if persistent, on disk; it leaves the store only once admitted,
 * so a stop or reload in the wait leaves it to be read back and fire exactly once, and the request
 * made before never runs it.
 */
class TaskAdmissionTest {

    private static final TaskOwner ANN = new TaskOwner(1, "Ann");

    @TempDir
    Path dir;
    private final TaskSchedulerTest.MovableClock clock = new TaskSchedulerTest.MovableClock();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    // Whether the task's removal was durable when its action ran.
    private final List<Boolean> removalDurableWhenRun = new CopyOnWriteArrayList<>();
    // Requests for admission, in the order they were made (the test decides them).
    private final List<Asked> asked = new CopyOnWriteArrayList<>();
    // Names of the actions whose grant was given back unused.
    private final List<String> givenBack = new CopyOnWriteArrayList<>();
    private Store store;
    private GameLoop loop;
    private Tasks tasks;

    /** An action that runs only once the test admits it. */
    private final class Gated implements AdmittedAction {
        private final String name;

        Gated(String name) {
            this.name = name;
        }

        @Override
        public Request requestAdmission(Consumer<Admission> decided) {
            Asked a = new Asked(name, decided);
            asked.add(a);
            return a;
        }

        @Override
        public void run() {
            removalDurableWhenRun.add(store.lastDurable() == store.lastSubmitted());
            ran.add(name);
        }
    }

    /** A request for admission the test grants, refuses or leaves waiting. */
    private final class Asked implements AdmittedAction.Request {
        final String name;
        final Consumer<AdmittedAction.Admission> decided;
        volatile boolean withdrawn;

        Asked(String name, Consumer<AdmittedAction.Admission> decided) {
            this.name = name;
            this.decided = decided;
        }

        /** Grants it, on the loop, as a slot coming free would. */
        void grant() {
            onLoop(() -> decided.accept(new AdmittedAction.Admission.Granted(() -> givenBack.add(name))));
        }

        void refuse(String why) {
            onLoop(() -> decided.accept(new AdmittedAction.Admission.Refused(why)));
        }

        @Override
        public void withdraw() {
            withdrawn = true;
        }

        @Override
        public String waitingFor() {
            return "a free test slot";
        }
    }

    @BeforeEach
    void open() {
        store = Store.open("jdbc:h2:file:" + dir.resolve("db"));
        loop = GameLoop.start("admission-test-loop");
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

    /** Reads tasks back as a start or reload does: each is rebuilt at once into an action the test admits. */
    private final Restorer restorer = (id, ownerId, spec) -> new Restorer.Restored.Ready(ANN, spec,
            task -> java.util.concurrent.CompletableFuture.completedFuture(new Restorer.Rebuilt.Runs(new Gated(spec))));

    /** Reads the store back as a start does. */
    private void start() {
        Snapshot s = store.load();
        onLoop(() -> tasks.restore(StoredTasks.rows(s), 100, restorer));
    }

    /** A persistent task of Ann's due in a minute whose action is {@code name}, kept as {@code name}. */
    private Task persistentTask(String name) {
        return on(() -> tasks.delay(ANN, Duration.ofMinutes(1), name, new Gated(name), () -> name).persist());
    }

    /** Lets the loop run what is due and what that queued (removals become durable, rebuilds finish). */
    private void settle() {
        onLoop(tasks::runDue);
        store.flush(Duration.ofSeconds(30));
        onLoop(() -> { });
        onLoop(() -> { });
    }

    /** Waits until {@code n} requests for admission were made. */
    private Asked awaitAsked(int n) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (asked.size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("asked only " + asked.size() + " times; ran " + ran + "; told " + told);
            }
            settle();
        }
        return asked.get(n - 1);
    }

    /** Waits until {@code n} actions ran. */
    private void awaitRan(int n) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (ran.size() < n) {
            if (System.nanoTime() > end) {
                throw new AssertionError("ran only " + ran + "; told " + told);
            }
            settle();
        }
    }

    /** Moves the clock past the task's due time and runs it: it fires and asks to be admitted. */
    private Asked comeDue() {
        int before = asked.size();
        clock.advance(Duration.ofMinutes(1));
        return awaitAsked(before + 1);
    }

    private List<Long> listed() {
        return on(() -> tasks.of(ANN.accountId()).stream().map(Task::id).toList());
    }

    @Test
    void aStopWhileAPersistentTaskWaitsForAdmissionLeavesItOnDiskAndTheNextStartFiresItOnce() {
        Task t = persistentTask("bell");
        Asked first = comeDue();
        // Due and waiting: pending as far as anyone can tell, and still on disk.
        assertThat(on(t::active)).isTrue();
        assertThat(on(t::waiting)).contains("a free test slot");
        assertThat(on(t::remaining)).isEqualTo(Duration.ZERO);
        assertThat(listed()).containsExactly(t.id());
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(t.id());
        assertThat(on(t::callNow)).isFalse(); // fired already: it can only wait, or be cancelled
        assertThat(on(t::pause)).isFalse();
        assertThat(ran).isEmpty();

        stopAndStartAgain(); // SIGTERM in the wait
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(t.id()); // not lost
        start();
        Asked again = awaitAsked(2); // due already: rebuilt and asking at once
        assertThat(again).isNotSameAs(first);
        assertThat(listed()).containsExactly(t.id());
        assertThat(ran).isEmpty();
        again.grant();
        awaitRan(1);
        assertThat(ran).containsExactly("bell");
        assertThat(removalDurableWhenRun).containsExactly(true); // gone from disk before it ran: never twice
        assertThat(onDisk()).isEmpty();
        assertThat(listed()).isEmpty();

        stopAndStartAgain();
        start();
        settle();
        assertThat(asked).hasSize(2);
        assertThat(ran).containsExactly("bell"); // and never again
        assertThat(told).isEmpty();
        assertThat(givenBack).isEmpty();
    }

    @Test
    void aReloadWhileATaskWaitsForAdmissionReadsItBackAndTheOldRequestNeverRunsIt() {
        Task t = persistentTask("bell");
        Asked old = comeDue();
        // A reload: hold (the request is taken back), drop what is not persistent, read the store again, release.
        onLoop(tasks::hold);
        assertThat(old.withdrawn).isTrue();
        assertThat(on(t::waiting)).contains("the reload to finish");
        old.grant(); // a slot that came free for the old request anyway
        assertThat(givenBack).containsExactly("bell"); // given back unused
        assertThat(ran).isEmpty();
        Snapshot s = store.load();
        assertThat(s.tasks()).extracting(Snapshot.TaskRow::id).containsExactly(t.id()); // still on disk
        onLoop(() -> {
            assertThat(tasks.dropNonPersistent("the game reloaded")).isZero();
            tasks.restore(StoredTasks.rows(s), 100, restorer);
            tasks.release();
        });
        Asked fresh = awaitAsked(2);
        old.grant(); // and once more, after the reload
        assertThat(givenBack).containsExactly("bell", "bell");
        assertThat(ran).isEmpty();
        fresh.grant();
        awaitRan(1);
        settle();
        assertThat(ran).containsExactly("bell");
        assertThat(removalDurableWhenRun).containsExactly(true);
        assertThat(onDisk()).isEmpty();
        assertThat(told).isEmpty();
    }

    @Test
    void aReloadThatFailsLetsAWaitingTaskAskAgainAndItRunsOnce() {
        Task t = persistentTask("bell");
        Asked old = comeDue();
        onLoop(tasks::hold);
        assertThat(old.withdrawn).isTrue();
        onLoop(tasks::release); // the reload failed: the world is the one the task was made for
        Asked again = awaitAsked(2);
        assertThat(on(t::waiting)).contains("a free test slot");
        again.grant();
        awaitRan(1);
        old.grant();
        settle();
        assertThat(ran).containsExactly("bell");
        assertThat(givenBack).containsExactly("bell");
        assertThat(onDisk()).isEmpty();
    }

    @Test
    void aTaskCancelledWhileItWaitsForAdmissionLeavesTheQueueAndTheStore() {
        Task t = persistentTask("bell");
        Asked waiting = comeDue();
        assertThat(on(t::cancel)).isTrue();
        assertThat(waiting.withdrawn).isTrue(); // out of the queue it waited in
        assertThat(on(t::active)).isFalse();
        assertThat(on(t::waiting)).isEmpty();
        assertThat(listed()).isEmpty();
        assertThat(onDisk()).isEmpty();
        assertThat(on(t::cancel)).isFalse();
        waiting.grant(); // too late: given back, never run
        assertThat(givenBack).containsExactly("bell");
        stopAndStartAgain();
        start();
        settle();
        assertThat(ran).isEmpty();
        assertThat(asked).hasSize(1);
        assertThat(told).isEmpty();
    }

    @Test
    void aRefusedTaskIsDroppedFromTheStoreAndItsOwnerTold() {
        Task t = persistentTask("bell");
        comeDue().refuse("your account may no longer use java (you are a Player)");
        assertThat(told).containsExactly("Ann: Your task #" + t.id() + " (delay) did not run: your account may no longer"
                + " use java (you are a Player); it was dropped, though persistent.");
        assertThat(listed()).isEmpty();
        assertThat(onDisk()).isEmpty();
        assertThat(ran).isEmpty();
    }

    @Test
    void aGrantWhoseRemovalBecomesDurableAsAReloadBeginsGivesItBackAndTheTaskRunsInTheNewWorld() {
        Task t = persistentTask("bell");
        Asked first = comeDue();
        onLoop(() -> {
            first.decided.accept(new AdmittedAction.Admission.Granted(() -> givenBack.add("bell")));
            tasks.hold(); // the removal is submitted, not yet durable, as the reload begins
        });
        settle();
        assertThat(ran).isEmpty(); // its action was built for the world being replaced
        assertThat(givenBack).containsExactly("bell");
        Snapshot s = store.load();
        onLoop(() -> {
            tasks.dropNonPersistent("the game reloaded");
            tasks.restore(StoredTasks.rows(s), 100, restorer);
        });
        assertThat(onDisk()).extracting(Snapshot.TaskRow::id).containsExactly(t.id()); // written back meanwhile
        onLoop(tasks::release);
        awaitAsked(2).grant();
        awaitRan(1);
        assertThat(ran).containsExactly("bell");
        assertThat(onDisk()).isEmpty();
    }

    @Test
    void aTaskThatIsNotPersistentWaitsTheSameWayAndAReloadDropsIt() {
        Task waiting = on(() -> tasks.delay(ANN, Duration.ofMinutes(1), "gong", new Gated("gong")));
        Task admitted = on(() -> tasks.delay(ANN, Duration.ofMinutes(1), "bell", new Gated("bell")));
        clock.advance(Duration.ofMinutes(1));
        awaitAsked(2);
        asked.get(1).grant();
        assertThat(ran).containsExactly("bell"); // not persistent: it runs as it is admitted
        assertThat(listed()).containsExactly(waiting.id());
        assertThat(on(waiting::waiting)).contains("a free test slot");
        onLoop(tasks::hold);
        assertThat(on(() -> tasks.dropNonPersistent("the game reloaded"))).isEqualTo(1);
        onLoop(tasks::release);
        asked.get(0).grant();
        settle();
        assertThat(ran).containsExactly("bell");
        assertThat(on(admitted::active)).isFalse();
        assertThat(told).containsExactly("Ann: Your task #" + waiting.id() + " was dropped: the game reloaded (only"
                + " persistent tasks survive it).");
    }
}
