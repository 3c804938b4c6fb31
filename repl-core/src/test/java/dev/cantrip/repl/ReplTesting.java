package dev.cantrip.repl;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An engine and a session for tests, with a {@link Player} bound as {@code self}. */
final class ReplTesting implements AutoCloseable {

    final ReplEngine engine;
    final Player player = new Player("Tester", "Hall");
    final List<String> printed = new CopyOnWriteArrayList<>();
    final ReplSession session;

    ReplTesting() {
        this(EngineConfig.builder());
    }

    ReplTesting(EngineConfig.Builder config) {
        engine = ReplEngine.start(config
                .binding("self", Player.class)
                .binding("room", String.class)
                .startup("import java.util.*;")
                .startup("import dev.cantrip.repl.Player;")
                .startup("String shout(String s) { return s.toUpperCase() + \"!\"; }")
                .hostPackage("dev.cantrip.repl.Player")
                .build());
        Map<String, Supplier<?>> values = Map.of("self", () -> player, "room", player::room);
        session = engine.open("test", values, printed::add);
    }

    /** Evaluates on the calling worker and waits. */
    Evaluation eval(String input) {
        return session.evaluate(input, SnippetRunner.direct(), o -> { }).join();
    }

    /** The text of every outcome of {@code input}. */
    List<String> show(String input) {
        return eval(input).outcomes().stream().flatMap(o -> OutcomeText.lines(o).stream()).toList();
    }

    static void await(Supplier<Boolean> condition, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + within);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
