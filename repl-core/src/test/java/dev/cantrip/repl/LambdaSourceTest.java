package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ReplEngine#sourceOf}: a snippet's lambda described as the source it was typed as. */
class LambdaSourceTest {

    private static final String CB = "dev.cantrip.repl.SerialCallback<String>";
    private static ReplTesting t;

    @BeforeAll
    static void start() {
        t = new ReplTesting(EngineConfig.builder().poolSize(1));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static LambdaSource described(String code) {
        Handoff.value = null;
        List<String> out = t.show(code);
        assertThat(Handoff.value).as("what %s left (%s)", code, out).isNotNull();
        return ReplEngine.sourceOf(Handoff.value);
    }

    @Test
    void aLambdaIsItsTextAsTyped() {
        LambdaSource s = described("dev.cantrip.repl.Handoff.value = (" + CB + ") who ->   System.out.println(who + \"!\");");
        assertThat(s.code()).isEqualTo("who ->   System.out.println(who + \"!\")");
        assertThat(s.functionalInterface()).isEqualTo("dev.cantrip.repl.SerialCallback");
        assertThat(s.captured()).isEmpty();
    }

    @Test
    void aLambdaInAVariablesInitializerIsFoundToo() {
        Handoff.value = null;
        t.eval("var kept = (" + CB + ") x -> System.out.println(x); dev.cantrip.repl.Handoff.value = kept;");
        assertThat(ReplEngine.sourceOf(Handoff.value).code()).isEqualTo("x -> System.out.println(x)");
    }

    @Test
    void theRightOneOfSeveralAndNestedLambdasIsFound() {
        LambdaSource s = described("Object first = (" + CB + ") a -> { }; dev.cantrip.repl.Handoff.value = (" + CB
                + ") b -> { " + CB + " inner = c -> System.out.println(c); inner.call(b); };");
        assertThat(s.code()).startsWith("b -> { ").endsWith("inner.call(b); }");
    }

    @Test
    void capturedValuesAreNamedWithTheirDeclaredTypes() {
        LambdaSource s = described("for (int i = 0; i < 3; i++) { int n = i * 10; String label = \"n\" + i;"
                + " if (i == 2) dev.cantrip.repl.Handoff.value = (" + CB + ") x -> System.out.println(label + x + n); }");
        assertThat(s.code()).isEqualTo("x -> System.out.println(label + x + n)");
        assertThat(s.captured()).containsExactly(new LambdaSource.Value("label", "String", "n2"),
                new LambdaSource.Value("n", "int", 20));
    }

    @Test
    void aLambdaMadeInADeclaredMethodCapturesItsParameters() {
        t.eval(CB + " greeter(String greeting) { return who -> System.out.println(greeting + who); }");
        LambdaSource s = described("dev.cantrip.repl.Handoff.value = greeter(\"Hi \");");
        assertThat(s.code()).isEqualTo("who -> System.out.println(greeting + who)");
        assertThat(s.captured()).containsExactly(new LambdaSource.Value("greeting", "String", "Hi "));
        assertThat(s.declarations()).anyMatch(d -> d.contains("greeter(String greeting)"));
    }

    @Test
    void aBoundMethodReferenceCapturesItsReceiver() {
        LambdaSource s = described("dev.cantrip.repl.Handoff.value = (" + CB + ") self::moveTo;");
        assertThat(s.code()).isEqualTo("$c0::moveTo");
        assertThat(s.captured()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("$c0");
            assertThat(c.type()).isEqualTo("dev.cantrip.repl.Player");
            assertThat(c.value()).isSameAs(t.player);
        });
    }

    @Test
    void sessionVariablesItReadsComeWithTheirValues() {
        t.eval("int bells = 3;");
        t.eval("String tune = \"ding\";");
        LambdaSource s = described("dev.cantrip.repl.Handoff.value = (" + CB + ") x -> System.out.println(tune.repeat(bells));");
        assertThat(s.variables()).containsExactlyInAnyOrder(new LambdaSource.Value("bells", "int", 3),
                new LambdaSource.Value("tune", "String", "ding"));
    }

    @Test
    void afterTheSessionMovesToAFreshJShellItsDeclarationsStillComeAlong() {
        try (ReplTesting fresh = new ReplTesting(EngineConfig.builder().poolSize(1).recycleAfter(3))) {
            fresh.eval("String twice(String s) { return s + s; }");
            for (int i = 0; i < 5; i++) {
                fresh.eval("1 + " + i); // the session moves to a fresh JShell on the way
            }
            Handoff.value = null;
            fresh.eval("dev.cantrip.repl.Handoff.value = (" + CB + ") x -> System.out.println(twice(x));");
            assertThat(ReplEngine.sourceOf(Handoff.value).declarations()).anyMatch(d -> d.contains("String twice("));
        }
    }

    @Test
    void whatCannotBeDescribedIsRefusedWithTheReason() {
        Handoff.value = null;
        t.eval("dev.cantrip.repl.Handoff.value = (Runnable) () -> { };");
        assertThatThrownBy(() -> ReplEngine.sourceOf(Handoff.value))
                .hasMessage("it is not a lambda or method reference of a callback type");
        t.eval("class Maker { static " + CB + " make() { return x -> { }; } }");
        t.eval("dev.cantrip.repl.Handoff.value = Maker.make();");
        assertThatThrownBy(() -> ReplEngine.sourceOf(Handoff.value))
                .hasMessageContaining("written inside a class a snippet declared");
        assertThatThrownBy(() -> ReplEngine.sourceOf("a string")).hasMessage("it is not code a snippet wrote");
    }
}
