package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ClassGate}: what it refuses is reported as {@link SnippetOutcome.Rejected} and leaves
 * nothing defined; what it lets through runs, after the engine's own rewriting.
 */
final class GateTest {

    private static final String REASON = "snippets may not mention forbidden things";

    private static ReplEngine engine;
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private ReplSession s;

    @BeforeAll
    static void start() {
        engine = ReplEngine.start(EngineConfig.builder().poolSize(1).gate(GateTest::refuseForbidden).build());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void open() {
        s = engine.open("gate", Map.of(), printed::add);
    }

    @AfterEach
    void close() {
        s.close();
    }

    /** Refuses classes whose bytes name "forbidden" anywhere; fails like a broken gate on "explode". */
    private static byte[] refuseForbidden(String className, byte[] classFile, ClassLookup lookup) throws ClassRejectedException {
        if (contains(classFile, "forbidden")) {
            throw new ClassRejectedException(REASON);
        }
        if (contains(classFile, "explode")) {
            throw new IllegalStateException("the gate itself failed");
        }
        return classFile;
    }

    @Test
    void aRefusedDeclarationIsRejectedAndDoesNotLinger() {
        Evaluation e = eval("String forbidden() { return \"x\"; }");

        assertThat(e.outcomes()).containsExactly(
                new SnippetOutcome.Rejected("String forbidden() { return \"x\"; }", REASON));
        assertThat(OutcomeText.lines(e.outcomes().getFirst())).containsExactly("Rejected: " + REASON);
        assertThat(s.snippets().join()).isEmpty();
        // Had the method stayed defined, this call would compile (and be refused for naming it).
        assertThat(eval("forbidden()").outcomes()).singleElement().isInstanceOf(SnippetOutcome.Diagnosed.class);
    }

    @Test
    void aRefusedExpressionLeavesTheSessionUsable() {
        eval("int kept = 7;");

        assertThat(eval("\"forbidden\".length()").outcomes()).singleElement()
                .isInstanceOf(SnippetOutcome.Rejected.class);
        assertThat(eval("kept * 6").outcomes()).containsExactly(new SnippetOutcome.Value("kept * 6", "42", "int"));
    }

    @Test
    void onlyTheRefusedSnippetOfAnInputIsRejected() {
        Evaluation e = eval("int before = 1; String forbidden = \"no\"; int after = 2;");

        assertThat(e.outcomes()).hasSize(3);
        assertThat(e.outcomes().get(0)).isInstanceOf(SnippetOutcome.Declared.class);
        assertThat(e.outcomes().get(1)).isEqualTo(new SnippetOutcome.Rejected("String forbidden = \"no\";", REASON));
        assertThat(e.outcomes().get(2)).isInstanceOf(SnippetOutcome.Declared.class);
        assertThat(s.snippets().join()).extracting(SnippetInfo::name).containsExactly("before", "after");
    }

    @Test
    void aGateThatFailsRejectsTheCodeInsteadOfBreakingTheSession() {
        Evaluation e = eval("String explode() { return \"boom\"; }");

        assertThat(e.outcomes()).singleElement().isInstanceOfSatisfying(SnippetOutcome.Rejected.class,
                r -> assertThat(r.reason()).startsWith("the code could not be checked")
                        .contains("the gate itself failed"));
        assertThat(eval("1 + 1").outcomes()).containsExactly(new SnippetOutcome.Value("1 + 1", "2", "int"));
    }

    @Test
    void aRefusedRedefinitionLeavesTheEarlierOneInPlace() {
        eval("String f() { return \"fine\"; }");

        assertThat(eval("String f() { return \"forbidden\"; }").outcomes()).singleElement()
                .isInstanceOf(SnippetOutcome.Rejected.class);

        assertThat(eval("f()").outcomes()).containsExactly(new SnippetOutcome.Value("f()", "\"fine\"", "String"));
    }

    @Test
    void aRefusalIsReportedOnceEvenWhenJShellRetriesTheLoad() {
        eval("String f() { return \"fine\"; }");
        eval("String g() { return f() + \"!\"; }");

        Evaluation e = eval("String f() { return \"forbidden\"; }");

        assertThat(e.outcomes()).containsExactly(
                new SnippetOutcome.Rejected("String f() { return \"forbidden\"; }", REASON));
    }

    @Test
    void aGateThatLetsClassesThroughSeesThemBeforeTheEnginesRewriting() {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<byte[]> seenBytes = new CopyOnWriteArrayList<>();
        ClassGate recording = (name, bytes, lookup) -> {
            seen.add(name);
            seenBytes.add(bytes);
            return bytes.clone(); // another array with the same bytes must do as well as the same one
        };
        List<String> out = new CopyOnWriteArrayList<>();
        // No pool: nothing is built in the background while the gate records.
        try (ReplEngine own = ReplEngine.start(EngineConfig.builder().poolSize(0).gate(recording).build())) {
            ReplSession open = own.open("open gate", Map.of(), out::add);
            open.evaluate("0", SnippetRunner.direct(), o -> { }).join(); // builds the instance
            seen.clear();
            seenBytes.clear();

            Evaluation e = open.evaluate("int twice(int x) { System.out.println(\"twice \" + x); return 2 * x; }"
                    + " twice(21)", SnippetRunner.direct(), o -> { }).join();

            assertThat(e.outcomes()).hasSize(2);
            assertThat(e.outcomes().get(1)).isEqualTo(new SnippetOutcome.Value("twice(21)", "42", "int"));
            assertThat(out).containsExactly("twice 21");
            assertThat(seen).isNotEmpty().allMatch(n -> n.startsWith("REPL."));
            // As javac wrote it: System.out, not yet redirected to the engine's holder class.
            assertThat(seenBytes).anyMatch(b -> contains(b, "java/lang/System"))
                    .noneMatch(b -> contains(b, SnippetHolder.NAME.replace('.', '/')));
        }
    }

    private Evaluation eval(String input) {
        return s.evaluate(input, SnippetRunner.direct(), o -> { }).join();
    }

    private static boolean contains(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
