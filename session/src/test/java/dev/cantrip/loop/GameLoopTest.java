package dev.cantrip.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.host.WrongThreadException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GameLoopTest {

    private final GameLoop loop = GameLoop.start("test-loop");

    @AfterEach
    void stop() {
        loop.shutdown(Duration.ofSeconds(5));
    }

    @Test
    void runsWorkInArrivalOrderOnItsOwnThread() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int n = i;
            loop.execute(() -> {
                seen.add(n);
                threads.add(Thread.currentThread().getName());
            });
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> done.complete(null));
        done.get(5, TimeUnit.SECONDS);
        assertThat(seen).hasSize(1000).isSorted();
        assertThat(threads).containsOnly("test-loop");
    }

    @Test
    void anErrorFromOneEventIsNotFatalButOutOfMemoryIs() throws Exception {
        // Snippet code a Developer installed may throw any Error; only the JVM's own trouble stops the game.
        loop.execute(() -> {
            throw new AssertionError("from a snippet");
        });
        loop.execute(() -> {
            throw new NoClassDefFoundError("gone");
        });
        assertThat(loop.call(() -> "still running").get(5, TimeUnit.SECONDS)).isEqualTo("still running");
        assertThat(SingleThreadGameLoop.isFatal(new OutOfMemoryError())).isTrue();
        assertThat(SingleThreadGameLoop.isFatal(new StackOverflowError())).isFalse();
        assertThat(SingleThreadGameLoop.isFatal(new AssertionError())).isFalse();
    }

    @Test
    void timersRunInDueOrderAndCancelledOnesDoNot() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(2);
        loop.schedule(Duration.ofMillis(60), () -> {
            seen.add("late");
            latch.countDown();
        });
        loop.schedule(Duration.ofMillis(20), () -> {
            seen.add("early");
            latch.countDown();
        });
        GameLoop.Timer cancelled = loop.schedule(Duration.ofMillis(40), () -> seen.add("cancelled"));
        assertThat(cancelled.cancel()).isTrue();
        assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(50);
        assertThat(seen).containsExactly("early", "late");
    }

    @Test
    void aThreadTheLoopIsLentToCountsAsTheLoopUntilTheLoanEnds() throws Exception {
        CompletableFuture<Boolean> during = new CompletableFuture<>();
        Thread borrower = Thread.ofPlatform().unstarted(() -> during.complete(loop.inLoop()));
        CompletableFuture<Void> lent = loop.call(() -> {
            loop.lend(borrower);
            borrower.start();
            try {
                borrower.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.lend(null);
            return null;
        });
        lent.get(10, TimeUnit.SECONDS);
        assertThat(during.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.call(() -> loop.inLoop()).get(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> after = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> after.complete(loop.inLoop())).join();
        assertThat(after.get()).isFalse();
        assertThatThrownBy(() -> loop.lend(Thread.currentThread()))
                .isInstanceOf(WrongThreadException.class).hasMessageContaining("lend the loop");
    }

    @Test
    void wrongThreadIsRefusedWithAMessageNamingBothThreads() {
        assertThat(loop.inLoop()).isFalse();
        assertThatThrownBy(() -> loop.checkInLoop("read the key of #4"))
                .isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("read the key of #4")
                .hasMessageContaining(Thread.currentThread().getName())
                .hasMessageContaining("test-loop");
    }

    @Test
    void aFailingEventDoesNotStopTheLoop() throws Exception {
        loop.execute(() -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> after = new CompletableFuture<>();
        loop.execute(() -> after.complete("still running"));
        assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo("still running");
    }

    @Test
    void measuresLagOfTheEventsItRuns() throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> sleep(30));
        loop.execute(() -> done.complete(null));
        done.get(5, TimeUnit.SECONDS);
        LagStats lag = loop.lag();
        assertThat(lag.samples()).isGreaterThanOrEqualTo(2);
        // The second event waited behind the 30 ms one.
        assertThat(lag.maxNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void refusesWorkAfterShutdownButRunsWhatWasQueued() throws Exception {
        CompletableFuture<String> queued = new CompletableFuture<>();
        loop.execute(() -> sleep(20));
        loop.execute(() -> queued.complete("ran"));
        loop.shutdown(Duration.ofSeconds(5));
        assertThat(queued.getNow("not run")).isEqualTo("ran");
        assertThat(loop.execute(() -> { })).isFalse();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void busyNanosIsTheHeartbeatHowLongThePieceOfWorkRunningNowHasRun() throws Exception {
        assertThat(loop.call(() -> 1).get(30, TimeUnit.SECONDS)).isEqualTo(1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
        long first = loop.busyNanos();
        assertThat(first).isPositive();
        Thread.sleep(20);
        assertThat(loop.busyNanos()).isGreaterThan(first); // it grows while the loop is held
        release.countDown();
        loop.call(() -> 1).get(30, TimeUnit.SECONDS);
        // Between pieces (this thread asks after the last one ended), and while idle, it is 0.
        CountDownLatch idle = new CountDownLatch(1);
        loop.execute(idle::countDown);
        assertThat(idle.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 3000 && loop.busyNanos() != 0; i++) {
            Thread.sleep(10); // the last piece may still be finishing its return
        }
        assertThat(loop.busyNanos()).isZero();
    }
}
