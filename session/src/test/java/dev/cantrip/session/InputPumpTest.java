package dev.cantrip.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.loop.GameLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InputPumpTest {

    private final GameLoop loop = GameLoop.start("pump-test-loop");
    private final AtomicReference<CompletableFuture<Void>> durable =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
    private final InputPump pump = new InputPump(loop, durable::get, 3);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Session session = new Session(new Connection() {
        @Override public void send(String text) { sent.add(text); }
        @Override public void prompt(String text) { sent.add(text); }
        @Override public void hideInput(boolean hide) { }
        @Override public void close(String farewell) { }
        @Override public boolean isOpen() { return true; }
        @Override public String remoteAddress() { return "test"; }
        @Override public String protocol() { return "test"; }
    });

    @AfterEach
    void stop() {
        loop.shutdown(Duration.ofSeconds(5));
    }

    private void onLoop(Runnable r) {
        CompletableFuture.runAsync(r, loop::execute).join();
    }

    @Test
    void outputWaitsUntilTheChangesAreDurableAndLaterLinesWaitInOrder() {
        CompletableFuture<Void> disk = new CompletableFuture<>();
        onLoop(() -> session.setHandler((s, line) -> {
            s.send("done: " + line);
            if (line.equals("set")) {
                durable.set(disk);
            }
        }));
        onLoop(() -> {
            pump.line(session, "set");
            pump.line(session, "look");
        });
        assertThat(sent).isEmpty();
        durable.set(CompletableFuture.completedFuture(null));
        disk.complete(null);
        onLoop(() -> { });
        onLoop(() -> { });
        assertThat(sent).containsExactly("done: set", "done: look");
    }

    @Test
    void aSessionTypingTooFarAheadIsToldAndTheLineDropped() {
        CompletableFuture<String> slow = new CompletableFuture<>();
        onLoop(() -> session.setHandler((s, line) -> {
            if (line.equals("slow")) {
                pump.await(s, slow, r -> s.send("slow done"), e -> { });
            } else {
                s.send("ran " + line);
            }
        }));
        onLoop(() -> {
            pump.line(session, "slow");
            for (int i = 1; i <= 4; i++) {
                pump.line(session, "line " + i);
            }
        });
        assertThat(sent).singleElement().asString().contains("typing faster").contains("line 4");
        slow.complete("x");
        onLoop(() -> { });
        onLoop(() -> { });
        assertThat(sent).containsSubsequence("slow done", "ran line 1", "ran line 2", "ran line 3");
    }

    @Test
    void aFailingHandlerIsReportedAndTheSessionGoesOn() {
        onLoop(() -> session.setHandler((s, line) -> {
            if (line.equals("boom")) {
                throw new IllegalStateException("kaput");
            }
            s.send("ok " + line);
        }));
        onLoop(() -> {
            pump.line(session, "boom");
            pump.line(session, "next");
        });
        assertThat(sent).hasSize(2);
        assertThat(sent.getFirst()).contains("IllegalStateException: kaput");
        assertThat(sent.get(1)).isEqualTo("ok next");
    }
}
