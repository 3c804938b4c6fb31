package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplEngine#bindingOfCaller}: a host function imported statically finds the session of the
 * snippet that called it, directly, through JDK code in between, and never for host callers.
 */
class CallerBindingTest {

    private static ReplEngine engine;
    private static ReplSession ann;
    private static ReplSession bob;

    @BeforeAll
    static void start() {
        engine = ReplEngine.start(EngineConfig.builder().poolSize(0)
                .binding("self", Player.class)
                .startup("import static dev.cantrip.repl.CallerFunctions.*;")
                .hostPackage("dev.cantrip.repl.Player")
                .hostPackage("dev.cantrip.repl.CallerFunctions")
                .build());
        Player a = new Player("Ann", "Hall");
        Player b = new Player("Bob", "Hall");
        ann = engine.open("ann", Map.of("self", () -> a), line -> { });
        bob = engine.open("bob", Map.of("self", () -> b), line -> { });
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static List<String> show(ReplSession s, String code) {
        List<String> lines = new CopyOnWriteArrayList<>();
        s.evaluate(code, SnippetRunner.direct(), o -> lines.addAll(OutcomeText.lines(o))).join();
        return lines;
    }

    @Test
    void eachSessionsCallFindsItsOwnSession() {
        assertThat(show(ann, "whoCalls()")).containsExactly("==> \"Ann\"");
        assertThat(show(bob, "whoCalls()")).containsExactly("==> \"Bob\"");
    }

    @Test
    void aCallThroughJdkCodeFindsTheSnippetBelowIt() {
        // The method reference's proxy frame is hidden and the stream's frames are the JDK's: the
        // nearest snippet frame is the one that built the stream.
        assertThat(show(bob, "java.util.stream.Stream.generate(dev.cantrip.repl.CallerFunctions::whoCalls).limit(2).toList()"))
                .singleElement().asString().startsWith("==> [\"Bob\", \"Bob\"]");
    }

    @Test
    void aMethodDeclaredInTheSessionCallsItToo() {
        show(ann, "String twice() { return whoCalls() + whoCalls(); }");
        assertThat(show(ann, "twice()")).containsExactly("==> \"AnnAnn\"");
    }

    @Test
    void hostCodeWithNoSnippetBelowItIsRefused() {
        assertThatThrownBy(CallerFunctions::whoCalls).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no snippet called it");
    }

    @Test
    void aBindingTheInstanceDoesNotHaveIsRefused() {
        show(ann, "String other() { return dev.cantrip.repl.ReplEngine.bindingOfCaller(\"room\", String.class); }");
        // Snippet code may not reach the engine itself where a gate says so; with no gate here it
        // can, and learns only that its own session has no such binding.
        assertThat(String.join("\n", show(ann, "other()"))).contains("has no room");
    }
}
