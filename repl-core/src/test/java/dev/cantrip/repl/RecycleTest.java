package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Moving a session's state to a fresh JShell after many evaluations (JShell slows down as the
 * classes it compiled pile up): declarations and values survive, what cannot move is named.
 */
class RecycleTest {

    @Test
    void declarationsAndValuesMoveToAFreshInstance() {
        try (ReplTesting t = new ReplTesting(EngineConfig.builder().recycleAfter(6))) {
            t.eval("import java.time.Duration;");
            t.eval("int counter = 41;");
            t.eval("List<String> names = new ArrayList<>(List.of(\"a\", \"b\"));");
            t.eval("String twice(String s) { return s + s; }");
            t.eval("class Box { int size = 3; }");
            t.eval("Box box = new Box();");
            t.eval("List<Object> boxes = new ArrayList<>(List.of(new Box()));");
            t.eval("counter++;");
            // Seven declarations: the state moves after ten evaluations per declaration, before one of these.
            for (int i = 0; i < 65; i++) {
                t.eval("names.size()");
            }
            assertThat(t.printed).anyMatch(l -> l.contains("moved to a fresh JShell"));
            assertThat(t.show("twice(\"x\") + counter + names + Duration.ofSeconds(2)"))
                    .containsExactly("==> \"xx42[a, b]PT2S\"");
            assertThat(t.show("new Box().size")).containsExactly("==> 3");
            assertThat(t.printed).anyMatch(l -> l.contains("moved to a fresh JShell") && l.contains("box"));
            assertThat(t.show("box")).containsExactly("==> null  (Box)");
            // Objects of a declared class inside a collection cannot move either: their code is the old JShell's.
            assertThat(t.printed).anyMatch(l -> l.contains("boxes (it holds objects of classes you declared"));
            assertThat(t.show("boxes")).containsExactly("==> null  (List<Object>)");
            assertThat(t.session.snippets().join()).extracting(SnippetInfo::name)
                    .containsExactly("java.time.Duration", "counter", "names", "twice", "Box", "box", "boxes");
        }
    }

    @Test
    void nothingIsSaidWhenEverythingMoves() {
        try (ReplTesting t = new ReplTesting(EngineConfig.builder().recycleAfter(3))) {
            t.eval("int a = 1;");
            for (int i = 0; i < 10; i++) {
                t.eval("a += 1;");
            }
            assertThat(t.show("a")).containsExactly("==> 11");
            assertThat(t.printed).isEmpty();
        }
    }
}
