package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.repl.SnippetOutcome;
import dev.cantrip.sandbox.facade.LimitedMath;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK calls the verifier rewrites ({@link Guards}) in a real engine: redirected calls, and
 * method references to them, still do what the JDK does; past their limits they throw saying why
 * or the run is stopped; a capacity constructor, whose size is checked around the call, cannot be a
 * method reference. The tier's wall budget is short ({@code 300ms}) so a stop comes quickly.
 */
final class GuardedCallsTest {

    private static final String CATASTROPHIC = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"";

    private static SandboxTesting t;

    @BeforeAll
    static void start() {
        t = new SandboxTesting("budget wall 300ms");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @BeforeEach
    void open() {
        t.open();
    }

    @AfterEach
    void close() {
        t.closeSession();
    }

    @Test
    void redirectedCallsDoWhatTheJdkDoes() {
        assertThat(t.only("\"a1b2\".replaceAll(\"[0-9]\", \"#\")"))
                .isEqualTo(new SnippetOutcome.Value("\"a1b2\".replaceAll(\"[0-9]\", \"#\")", "\"a#b#\"", "String"));
        assertThat(t.show("\"a,b,,c\".split(\",\").length")).containsExactly("==> 4");
        assertThat(t.show("java.math.BigInteger.TWO.pow(100)"))
                .containsExactly("==> 1267650600228229401496703205376  (java.math.BigInteger)");
        assertThat(t.show("\"ab\".repeat(3)")).containsExactly("==> \"ababab\"");
    }

    @Test
    void aMethodReferenceToARedirectedMethodWorks() {
        assertThat(t.show("java.util.function.BiPredicate<String, String> m = String::matches;"
                + " m.test(\"a1\", \"[a-z][0-9]\") + \" \" + m.test(\"a1\", \"[0-9]+\")"))
                .endsWith("==> \"true false\"");
    }

    @Test
    void aMethodReferenceToARedirectedMethodIsLimitedLikeTheCall() {
        var outcomes = t.eval("java.util.function.BiPredicate<String, String> m = String::matches;"
                + " m.test(" + CATASTROPHIC + ", \"(.*a){12}\")").outcomes();

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                s -> assertThat(s.reason()).isEqualTo("it ran longer than 0.3 s"));
    }

    @Test
    void aCapacityConstructorCannotBeAMethodReference() {
        String source = "java.util.function.IntFunction<ArrayList<String>> f = ArrayList::new;";

        assertThat(t.only(source)).isEqualTo(new SnippetOutcome.Rejected(source,
                "new java.util.ArrayList(int) cannot be used as a method reference in snippets: write it as a lambda"));
        assertThat(t.show("java.util.function.IntFunction<ArrayList<String>> g = n -> new ArrayList<>(n);"
                + " g.apply(3).size()")).endsWith("==> 0");
        assertThat(t.show("java.util.function.Supplier<ArrayList<String>> s = ArrayList::new; s.get().size()"))
                .as("the constructor without a capacity is no guarded call").endsWith("==> 0");
    }

    @Test
    void aPowerTooLargeToComputeThrowsSayingHowLargeItWouldBe() {
        assertThat(t.only("java.math.BigInteger.valueOf(3).pow(200_000_000)"))
                .isInstanceOfSatisfying(SnippetOutcome.Thrown.class, thrown -> {
                    assertThat(thrown.failure().type()).isEqualTo("java.lang.ArithmeticException");
                    assertThat(thrown.failure().message()).isEqualTo("pow(200000000) would make a number of about"
                            + " 400,000,000 bits; snippets may use numbers of up to "
                            + String.format(Locale.ROOT, "%,d", LimitedMath.MAX_BITS) + " bits");
                });
    }

    @Test
    void aRepeatLargerThanTheAllocationBudgetIsStoppedBeforeTheJdkStarts() {
        assertThat(t.only("\"x\".repeat(1 << 30)")).isInstanceOfSatisfying(SnippetOutcome.Stopped.class,
                s -> assertThat(s.reason()).startsWith("it asked for 2.0 GiB at once")
                        .endsWith("of its 256.0 MiB allocation budget used"));
        assertThat(t.show("6 * 7")).containsExactly("==> 42");
    }

    @Test
    void aCatastrophicRegularExpressionIsStoppedAtTheWallBudget() {
        String source = CATASTROPHIC + ".matches(\"(.*a){12}\")";

        assertThat(t.only(source)).isEqualTo(new SnippetOutcome.Stopped(source, "it ran longer than 0.3 s"));
        assertThat(t.show("6 * 7")).containsExactly("==> 42");
    }
}
