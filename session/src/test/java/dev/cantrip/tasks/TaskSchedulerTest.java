package dev.cantrip.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.loop.GameLoop;
import dev.cantrip.host.WrongThreadException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.Assertions;

/** The scheduler's semantics, on a real game loop with a clock the test moves. */
class TaskSchedulerTest {

    private static final TaskOwner ANN = new TaskOwner(1, "Ann");
    private static final TaskOwner BOB = new TaskOwner(2, "Bob");

    private final MovableClock clock = new MovableClock();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private GameLoop loop;
    private Tasks tasks;

    /** A clock that stands still until the test moves it. */
    static final class MovableClock implements InstantSource {
        private volatile long millis = 1_000_000;

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public long millis() {
            return millis;
        }

        void advance(Duration d) {
            millis += d.toMillis();
        }
    }

    @BeforeEach
    void start() {
        loop = GameLoop.start("test-loop");
        tasks = on(() -> Tasks.start(loop, clock, (owner, text) -> told.add(owner.name() + ": " + text)));
    }

    @AfterEach
    void stop() {
        loop.close();
    }

    private <T> T on(Supplier<T> work) {
        return loop.call(work).join();
    }

    private Task delay(TaskOwner owner, long seconds, String name) {
        return on(() -> tasks.delay(owner, Duration.ofSeconds(seconds), name, () -> ran.add(name)));
    }

    /** Moves the clock and runs what is due, as the loop's timer would. */
    private void advance(Duration d) {
        clock.advance(d);
        on(() -> {
            tasks.runDue();
            return null;
        });
        on(() -> null); // slices the scheduler queued behind other work have run too
    }

    @Test
    void aDelayRunsOnceWhenDueAndNeverAgain() {
        Task t = delay(ANN, 10, "bell");
        advance(Duration.ofMillis(9_999));
        assertThat(ran).isEmpty();
        assertThat(on(t::remaining)).isEqualTo(Duration.ofMillis(1));
        advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("bell");
        advance(Duration.ofSeconds(100));
        assertThat(ran).containsExactly("bell");
        assertThat(on(t::active)).isFalse();
        assertThat(on(t::remaining)).isEqualTo(Duration.ZERO);
        assertThat(on(t::cancel)).isFalse();
        assertThat(on(t::callNow)).isFalse();
        assertThat(tasks.pending()).isZero();
    }

    @Test
    void dueTasksRunInDueOrderAndTiesInTheOrderTheyWereMade() {
        delay(ANN, 3, "c");
        delay(BOB, 1, "a");
        delay(ANN, 2, "b1");
        delay(BOB, 2, "b2");
        advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("a", "b1", "b2", "c");
    }

    @Test
    void aPausedTaskKeepsItsTimeLeftUntilResumed() {
        Task t = delay(ANN, 10, "bell");
        advance(Duration.ofSeconds(4));
        assertThat(on(t::pause)).isTrue();
        assertThat(on(t::pause)).isFalse();
        assertThat(on(t::paused)).isTrue();
        advance(Duration.ofSeconds(100));
        assertThat(ran).isEmpty();
        assertThat(on(t::remaining)).isEqualTo(Duration.ofSeconds(6));
        assertThat(on(t::active)).isTrue();
        assertThat(on(t::resume)).isTrue();
        assertThat(on(t::resume)).isFalse();
        advance(Duration.ofMillis(5_999));
        assertThat(ran).isEmpty();
        advance(Duration.ofMillis(1));
        assertThat(ran).containsExactly("bell");
    }

    @Test
    void cancelAndCallNow() {
        Task cancelled = delay(ANN, 10, "cancelled");
        Task early = delay(ANN, 10, "early");
        Task pausedThenCalled = delay(ANN, 10, "paused");
        assertThat(on(cancelled::cancel)).isTrue();
        assertThat(on(cancelled::cancel)).isFalse();
        assertThat(on(early::callNow)).isTrue();
        assertThat(ran).containsExactly("early");
        on(pausedThenCalled::pause);
        assertThat(on(pausedThenCalled::callNow)).isTrue();
        advance(Duration.ofSeconds(20));
        assertThat(ran).containsExactly("early", "paused");
        assertThat(tasks.pending()).isZero();
    }

    @Test
    void anActionThatThrowsTellsItsOwnerAndTheOthersStillRun() {
        on(() -> tasks.delay(ANN, Duration.ofSeconds(1), "who.msg(\"x\")", () -> {
            throw new IllegalStateException("the lamp is broken");
        }));
        delay(BOB, 1, "after");
        advance(Duration.ofSeconds(1));
        assertThat(ran).containsExactly("after");
        assertThat(told).singleElement().asString()
                .startsWith("Ann: Your task #1 (who.msg(\"x\")) failed: java.lang.IllegalStateException: the lamp is broken");
    }

    @Test
    void eachOwnerSeesTheirOwnTasksSoonestFirst() {
        Task a2 = delay(ANN, 20, "a2");
        Task b = delay(BOB, 5, "b");
        Task a1 = delay(ANN, 10, "a1");
        assertThat(on(() -> tasks.of(ANN.accountId()))).containsExactly(a1, a2);
        assertThat(on(() -> tasks.of(BOB.accountId()))).containsExactly(b);
        assertThat(on(() -> tasks.all())).containsExactly(b, a1, a2);
        assertThat(on(() -> tasks.find(a2.id()))).contains(a2);
        assertThat(on(() -> tasks.pendingOf(ANN.accountId()))).isEqualTo(2);
        on(a1::cancel);
        assertThat(on(() -> tasks.of(ANN.accountId()))).containsExactly(a2);
        assertThat(on(() -> tasks.find(a1.id()))).isEmpty();
    }

    @Test
    void aReloadHoldsDueTasksAndDropsTheNonPersistentTellingTheirOwners() {
        delay(ANN, 1, "a1");
        delay(ANN, 50, "a2");
        delay(BOB, 50, "b");
        on(() -> {
            tasks.hold();
            return null;
        });
        advance(Duration.ofSeconds(2));
        assertThat(ran).isEmpty();
        assertThat(on(() -> tasks.dropNonPersistent("the game reloaded"))).isEqualTo(3);
        on(() -> {
            tasks.release();
            return null;
        });
        advance(Duration.ofSeconds(100));
        assertThat(ran).isEmpty();
        assertThat(told).containsExactlyInAnyOrder(
                "Ann: Your 2 tasks (#1, #2) were dropped: the game reloaded (only persistent tasks survive it).",
                "Bob: Your task #3 was dropped: the game reloaded (only persistent tasks survive it).");
    }

    @Test
    void aBurstOfDueTasksRunsInSlicesWithOtherWorkBetween() {
        List<String> order = new CopyOnWriteArrayList<>();
        on(() -> {
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                tasks.delay(ANN, Duration.ofSeconds(1), "t" + n, () -> order.add("t" + n));
            }
            return null;
        });
        clock.advance(Duration.ofSeconds(1));
        on(() -> {
            tasks.runDue();
            // Queued while the first slice ran: it must come before the last of the burst.
            loop.execute(() -> order.add("other"));
            return null;
        });
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (order.size() < 2_001 && System.nanoTime() < end) {
            on(() -> null); // each slice is queued behind what is waiting; a slow machine needs more of them
        }
        assertThat(order).hasSize(2_001);
        int other = order.indexOf("other");
        assertThat(other).isBetween(1, 1_999);
        List<String> burst = new ArrayList<>(order);
        burst.remove("other");
        for (int i = 0; i < burst.size(); i++) {
            assertThat(burst.get(i)).isEqualTo("t" + i);
        }
    }

    @Test
    void theLoopsOwnTimerRunsADelayWithTheRealClock() throws Exception {
        Tasks real = on(() -> Tasks.start(loop, InstantSource.system(), (o, t) -> { }));
        List<String> fired = new CopyOnWriteArrayList<>();
        on(() -> real.delay(ANN, Duration.ofMillis(50), "soon", () -> fired.add("soon")));
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fired.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertThat(fired).containsExactly("soon");
    }

    @Test
    void tasksAreChangedOnTheLoopOnly() {
        Task t = delay(ANN, 10, "bell");
        Assertions.assertThatThrownBy(t::cancel).isInstanceOf(WrongThreadException.class);
        Assertions.assertThatThrownBy(() -> tasks.delay(ANN, Duration.ZERO, "x", () -> { }))
                .isInstanceOf(WrongThreadException.class);
    }
}
