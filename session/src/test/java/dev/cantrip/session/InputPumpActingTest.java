package dev.cantrip.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.loop.GameLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link InputPump#acting}: who acts is set around each top-level step, and a nested step acts as the outer one. */
class InputPumpActingTest {

    private final GameLoop loop = GameLoop.start("pump-acting-test-loop");
    private final InputPump pump = new InputPump(loop, new InputPump.Changes() {
        @Override
        public long mark() {
            return 0;
        }

        @Override
        public CompletableFuture<Void> durableAfter(long since) {
            return CompletableFuture.completedFuture(null);
        }
    }, 3);
    private final Session alice = new Session(new Connection() {
        @Override public void send(String text) { }
        @Override public void prompt(String text) { }
        @Override public void hideInput(boolean hide) { }
        @Override public void close(String farewell) { }
        @Override public boolean isOpen() { return true; }
        @Override public String remoteAddress() { return "test"; }
        @Override public String protocol() { return "test"; }
    }, pump);
    // Who acts, as the bodies see it: "alice", "game", or "" outside any step.
    private String acting = "";
    private final List<String> seen = new CopyOnWriteArrayList<>();

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

    @Test
    void eachTopLevelStepActsForItsSessionAndAWorldStepForTheGame() {
        onLoop(() -> {
            pump.acting((s, body) -> {
                String before = acting;
                acting = s == alice ? "alice" : s == null ? "game" : "someone";
                try {
                    body.run();
                } finally {
                    acting = before;
                }
            });
            pump.step(alice, () -> {
                seen.add("step: " + acting);
                pump.worldStep(() -> seen.add("world step inside: " + acting));
            });
            pump.worldStep(() -> {
                seen.add("world step: " + acting);
                pump.step(alice, () -> seen.add("step inside: " + acting));
            });
            seen.add("after: " + acting);
        });
        assertThat(seen).containsExactly("step: alice", "world step inside: alice", "world step: game",
                "step inside: game", "after: ");
    }
}
