package dev.cantrip.scripting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.loop.GameLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded queue of rebuild compiles, on a real loop with compiles the test finishes. */
class RebuildQueueTest {

    private final GameLoop loop = GameLoop.start("rebuild-queue-test");
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> gaveUp = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> compiles = new ArrayList<>();

    @AfterEach
    void stop() {
        loop.close();
    }

    private <T> T on(Supplier<T> work) {
        return loop.call(work).join();
    }

    /** Queues a compile named {@code name} of {@code owner}'s; the test completes it through {@link #compiles}. */
    private void submit(RebuildQueue q, long owner, String name) {
        on(() -> {
            q.submit(owner, () -> {
                started.add(name);
                CompletableFuture<Void> f = new CompletableFuture<>();
                synchronized (compiles) {
                    compiles.add(f);
                }
                return f;
            }, () -> gaveUp.add(name));
            return null;
        });
    }

    private void finish(int index) {
        synchronized (compiles) {
            compiles.get(index).complete(null);
        }
        on(() -> null); // the queue hears of it on the loop
        on(() -> null);
    }

    @Test
    void atMostSoManyRunAtOnceOnePerOwnerAndOwnersTakeTurns() {
        RebuildQueue q = on(() -> new RebuildQueue(loop, 2, Duration.ofMinutes(1)));
        submit(q, 1, "ann-1");
        submit(q, 1, "ann-2");
        submit(q, 1, "ann-3");
        submit(q, 2, "bob-1");
        submit(q, 3, "cat-1");
        // Two at once, and never two of one owner's: Ann's second waits for her first.
        assertThat(started).containsExactly("ann-1", "bob-1");
        assertThat(on(q::running)).isEqualTo(2);
        assertThat(on(q::waiting)).isEqualTo(3);
        finish(0); // Ann's first ends: Cat, who waited, goes before Ann's second
        assertThat(started).containsExactly("ann-1", "bob-1", "cat-1");
        finish(1);
        assertThat(started).containsExactly("ann-1", "bob-1", "cat-1", "ann-2");
        finish(2);
        finish(3);
        assertThat(started).containsExactly("ann-1", "bob-1", "cat-1", "ann-2", "ann-3");
        finish(4);
        assertThat(on(q::running)).isZero();
        assertThat(gaveUp).isEmpty();
    }

    @Test
    void aCompilePastItsBoundIsGivenUpAndFreesItsSlot() throws Exception {
        RebuildQueue q = on(() -> new RebuildQueue(loop, 1, Duration.ofMillis(200)));
        submit(q, 1, "stuck");
        submit(q, 2, "next");
        assertThat(started).containsExactly("stuck");
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (started.size() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(gaveUp).containsExactly("stuck");
        assertThat(started).containsExactly("stuck", "next"); // the stuck compile no longer holds the slot
        finish(0); // the stuck one ends at last: it is not counted twice
        assertThat(on(q::running)).isEqualTo(1);
        finish(1);
        assertThat(on(q::running)).isZero();
    }

    @Test
    void aReloadDropsTheCompilesNotStarted() {
        RebuildQueue q = on(() -> new RebuildQueue(loop, 1, Duration.ofMinutes(1)));
        submit(q, 1, "old-1");
        submit(q, 1, "old-2");
        submit(q, 2, "old-3");
        on(() -> {
            q.clear();
            return null;
        });
        submit(q, 1, "new-1");
        assertThat(started).containsExactly("old-1"); // the one running goes on (javac cannot be stopped)
        finish(0);
        assertThat(started).containsExactly("old-1", "new-1");
        assertThat(on(q::waiting)).isZero();
    }
}
