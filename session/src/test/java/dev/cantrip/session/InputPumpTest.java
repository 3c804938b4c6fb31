package dev.cantrip.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.loop.GameLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InputPumpTest {

    private final GameLoop loop = GameLoop.start("pump-test-loop");
    /** A stand-in for the store whose disk the test controls: each "change" bumps the mark. */
    private final AtomicLong mark = new AtomicLong();
    private final AtomicReference<CompletableFuture<Void>> disk =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
    private final InputPump pump = new InputPump(loop, new InputPump.Changes() {
        @Override
        public long mark() {
            return mark.get();
        }

        @Override
        public CompletableFuture<Void> durableAfter(long since) {
            return disk.get();
        }
    }, 3);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Session alice = session("alice");
    private final Session bob = session("bob");

    private Session session(String name) {
        return new Session(new Connection() {
            @Override public void send(String text) { sent.add(name + ": " + text); }
            @Override public void prompt(String text) { sent.add(name + ": " + text); }
            @Override public void hideInput(boolean hide) { }
            @Override public void close(String farewell) { }
            @Override public boolean isOpen() { return true; }
            @Override public String remoteAddress() { return "test"; }
            @Override public String protocol() { return "test"; }
        }, pump);
    }

    @AfterEach
    void stop() {
        loop.shutdown(Duration.ofSeconds(5));
    }

    private void onLoop(Runnable r) {
        loop.call(() -> {
            r.run();
            return null;
        }).join();
    }

    /** A change whose write the test completes by hand. */
    private CompletableFuture<Void> slowChange() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        mark.incrementAndGet();
        disk.set(f);
        return f;
    }

    @Test
    void nobodyHearsOfAChangeBeforeItIsDurableAndLaterLinesWaitInOrder() {
        AtomicReference<CompletableFuture<Void>> write = new AtomicReference<>();
        onLoop(() -> {
            alice.setHandler((s, line) -> {
                if (line.equals("set")) {
                    write.set(slowChange());
                    bob.send("alice changed something");
                }
                s.send("done: " + line);
            });
            bob.setHandler((s, line) -> s.send("bob did " + line));
        });
        onLoop(() -> {
            pump.line(alice, "set");
            pump.line(alice, "look");
            pump.line(bob, "look");
        });
        // Bob's look waits too: it comes after a change that is not on disk yet.
        assertThat(sent).isEmpty();
        disk.set(CompletableFuture.completedFuture(null));
        write.get().complete(null);
        onLoop(() -> { });
        onLoop(() -> { });
        assertThat(sent).containsExactly("bob: alice changed something", "alice: done: set",
                "bob: bob did look", "alice: done: look");
    }

    @Test
    void howLongOutputWaitedForTheDiskIsCounted() throws InterruptedException {
        AtomicReference<CompletableFuture<Void>> write = new AtomicReference<>();
        onLoop(() -> alice.setHandler((s, line) -> {
            if (line.equals("set")) {
                write.set(slowChange());
            }
            s.send("done: " + line);
        }));
        onLoop(() -> pump.line(alice, "look"));
        assertThat(pump.outputHeld().samples()).isEqualTo(1);
        onLoop(() -> pump.line(alice, "set"));
        Thread.sleep(50);
        disk.set(CompletableFuture.completedFuture(null));
        write.get().complete(null);
        onLoop(() -> { });
        onLoop(() -> { });
        assertThat(sent).containsExactly("alice: done: look", "alice: done: set");
        assertThat(pump.outputHeld().samples()).isEqualTo(2);
        assertThat(pump.outputHeld().maxNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    }

    @Test
    void aFailedWriteIsReportedToWhoeverMadeTheChange() {
        onLoop(() -> alice.setHandler((s, line) -> {
            slowChange().completeExceptionally(new IllegalStateException("disk full"));
            s.send("set it");
        }));
        onLoop(() -> pump.line(alice, "set"));
        onLoop(() -> { });
        assertThat(sent).containsExactly("alice: set it",
                "alice: Warning: the game could not save that change; it will be lost when the server restarts."
                        + " The error has been logged.");
    }

    @Test
    void aSessionTypingTooFarAheadIsToldOnceAndTheExtraLinesDropped() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        onLoop(() -> alice.setHandler((s, line) -> {
            if (line.equals("slow")) {
                pump.await(s, slow, r -> s.send("slow done"), e -> { });
            } else {
                s.send("ran " + line);
            }
        }));
        onLoop(() -> {
            pump.line(alice, "slow");
            for (int i = 1; i <= 6; i++) {
                pump.line(alice, "line " + i);
            }
        });
        assertThat(sent).singleElement().asString().contains("typing faster").contains("line 4");
        slow.complete("x");
        onLoop(() -> { });
        onLoop(() -> { });
        assertThat(sent).containsExactly(sent.getFirst(), "alice: slow done", "alice: ran line 1",
                "alice: ran line 2", "alice: ran line 3");
    }

    @Test
    void aFailingHandlerIsReportedWithAnIncidentAndTheSessionGoesOn() {
        onLoop(() -> alice.setHandler((s, line) -> {
            if (line.equals("boom")) {
                throw new IllegalStateException("kaput");
            }
            s.send("ok " + line);
        }));
        onLoop(() -> {
            pump.line(alice, "boom");
            pump.line(alice, "next");
        });
        assertThat(sent).hasSize(2);
        assertThat(sent.getFirst()).contains("Something went wrong").contains("incident").doesNotContain("kaput");
        assertThat(sent.get(1)).isEqualTo("alice: ok next");
    }

    @Test
    void pauseCompletesOnlyOnceWorkInProgressIsDoneAndHoldsNewLines() {
        CompletableFuture<String> hashing = new CompletableFuture<>();
        onLoop(() -> {
            alice.setHandler((s, line) -> pump.await(s, hashing, r -> s.send("created"), e -> { }));
            bob.setHandler((s, line) -> s.send("bob did " + line));
        });
        onLoop(() -> pump.line(alice, "create"));
        CompletableFuture<Void> quiet = loop.call(pump::pause).join();
        onLoop(() -> pump.line(bob, "look"));
        assertThat(quiet).isNotDone();
        hashing.complete("hash");
        onLoop(() -> { });
        onLoop(() -> { });
        assertThat(quiet).isDone();
        assertThat(sent).containsExactly("alice: created");
        onLoop(() -> pump.resume(List.of(alice, bob)));
        assertThat(sent).containsExactly("alice: created", "bob: bob did look");
    }

    @Test
    void aBoundedPauseWaitsForTrackedWorkThatEndsAndGivesUpWorkThatDoesNot() throws Exception {
        CompletableFuture<Void> quick = new CompletableFuture<>();
        CompletableFuture<Integer> first = loop.call(() -> {
            pump.track(quick, () -> sent.add("quick abandoned"));
            return pump.pause(Duration.ofMinutes(5));
        }).thenCompose(f -> f);
        assertThat(first).isNotDone();
        assertThat(pump.paused()).isTrue();
        quick.complete(null);
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero(); // nothing left behind
        onLoop(() -> pump.resume(List.of(alice, bob)));
        assertThat(pump.paused()).isFalse();

        CompletableFuture<Void> stuck = new CompletableFuture<>();
        CompletableFuture<Integer> second = loop.call(() -> {
            pump.track(stuck, () -> sent.add("stuck abandoned"));
            return pump.pause(Duration.ofMillis(50));
        }).thenCompose(f -> f);
        // Never completed: the pause goes on without it once the bound has passed, and its handler ran.
        assertThat(second.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(sent).containsExactly("stuck abandoned");
        onLoop(() -> pump.resume(List.of(alice, bob)));
        // When it does end at last, nothing breaks, and a later pause waits for nothing.
        stuck.complete(null);
        assertThat(loop.call(() -> pump.pause(Duration.ofMinutes(5))).thenCompose(f -> f)
                .get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    }
}
