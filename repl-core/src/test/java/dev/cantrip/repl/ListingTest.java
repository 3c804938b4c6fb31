package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a session says about itself and about code being typed: snippets, variables, imports,
 * history, completeness, completion and documentation. Each test has a session of its own.
 */
final class ListingTest {

    private static ReplEngine engine;
    private final Player player = new Player("Lister", "Hall");
    private ReplSession s;

    @BeforeAll
    static void start() {
        engine = ReplEngine.start(EngineConfig.builder()
                .binding("self", Player.class)
                .binding("room", String.class)
                .binding("$secret", String.class)
                .startup("import java.util.*;")
                .startup("import dev.cantrip.repl.Player;")
                .startup("String shout(String s) { return s.toUpperCase() + \"!\"; }")
                .build());
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @BeforeEach
    void open() {
        s = engine.open("listing", Map.of("self", () -> player, "room", player::room, "$secret", () -> "hidden"),
                line -> { });
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void snippetsAreTheUsersDeclarationsOnly() {
        eval("int a = 1;");
        eval("a + 1");                            // an expression: dropped once shown
        eval("if (a > 0) { a++; }");              // a statement: likewise
        eval("a = 5");                            // an assignment: likewise
        eval("int bad = \"text\";");              // does not compile: nothing is declared
        eval("String twice(String x) { return x + x; }");
        eval("record Point(int x, int y) { }");
        eval("import java.time.*;");

        assertThat(s.snippets().join())
                .extracting(SnippetInfo::kind, SnippetInfo::name, SnippetInfo::signature)
                .containsExactly(
                        tuple(SnippetInfo.Kind.VARIABLE, "a", "int a"),
                        tuple(SnippetInfo.Kind.METHOD, "twice", "twice(String)"),
                        tuple(SnippetInfo.Kind.RECORD, "Point", "Point"),
                        tuple(SnippetInfo.Kind.IMPORT, "java.time.*", "java.time.*"));
        assertThat(s.snippets().join().getFirst().source()).isEqualTo("int a = 1;");
    }

    @Test
    void aFreshSessionListsNothingOfTheStartup() {
        assertThat(s.snippets().join()).isEmpty();
    }

    @Test
    void variablesListBindingsFirstThenTheUsersWithTheirValues() {
        player.moveTo("Kitchen");
        eval("int count = 42;");
        eval("String word = \"hi\";");
        eval("List<Integer> few = List.of(1, 2);");
        eval("Object nothing;");
        CountingRunner runner = new CountingRunner();

        List<Variable> vars = s.variables(runner).join();

        // Values are read through the runner, with the bindings as they are now; $secret is hidden.
        assertThat(vars).containsExactly(
                new Variable("self", "dev.cantrip.repl.Player", "Lister in Kitchen", true),
                new Variable("room", "java.lang.String", "\"Kitchen\"", true),
                new Variable("count", "int", "42", false),
                new Variable("word", "String", "\"hi\"", false),
                new Variable("few", "List<Integer>", "[1, 2]", false),
                new Variable("nothing", "Object", "null", false));
        assertThat(runner.runs.get()).isPositive();
    }

    @Test
    void aVariableThatCannotBeUsedYetDoesNotBreakTheListing() {
        eval("int fine = 1;");
        eval("Later waiting;"); // Later is not declared yet: the variable waits for it

        List<Variable> vars = s.variables(SnippetRunner.direct()).join();

        assertThat(vars).extracting(Variable::name).containsExactly("self", "room", "fine", "waiting");
    }

    @Test
    void aStartupVariableIsNotListedAsTheUsers() {
        try (ReplEngine own = ReplEngine.start(EngineConfig.builder().poolSize(0)
                .startup("int startupCalls = 0;").build())) {
            ReplSession fresh = own.open("startup", Map.of(), line -> { });

            assertThat(fresh.snippets().join()).isEmpty();
            assertThat(fresh.variables(SnippetRunner.direct()).join()).isEmpty();
        }
    }

    @Test
    void importsShowTheEnginesAndTheUsers() {
        eval("import java.time.*;");
        eval("import static java.lang.Math.max;");

        assertThat(s.imports().join()).containsExactly("import java.util.*", "import dev.cantrip.repl.Player",
                "import java.time.*", "import static java.lang.Math.max");
    }

    @Test
    void completenessTellsAConsoleWhetherToAskForMore() {
        assertThat(s.completeness("").join()).isEqualTo(Completeness.EMPTY);
        assertThat(s.completeness("  // only a comment").join()).isEqualTo(Completeness.EMPTY);
        assertThat(s.completeness("int x = 1;").join()).isEqualTo(Completeness.COMPLETE);
        assertThat(s.completeness("int x = 1").join()).isEqualTo(Completeness.COMPLETE); // the ';' is implied
        assertThat(s.completeness("void f() {").join()).isEqualTo(Completeness.INCOMPLETE);
        assertThat(s.completeness("for (int i = 0; i < 3; i++) {").join()).isEqualTo(Completeness.INCOMPLETE);
        assertThat(s.completeness("1 +").join()).isEqualTo(Completeness.INCOMPLETE);
        // Asking declares nothing.
        assertThat(s.snippets().join()).isEmpty();
    }

    @Test
    void completionOffersMembersOfABindingFromTheAnchor() {
        Completions c = s.complete("self.na", 7).join();

        // The candidate replaces "na" (from index 5); a method without parameters comes with "()".
        assertThat(c.anchor()).isEqualTo(5);
        assertThat(c.candidates()).extracting(Completions.Candidate::text).containsExactly("name()");
        assertThat(s.complete("self.m", 6).join().candidates()).extracting(Completions.Candidate::text)
                .containsExactly("moveTo(", "msg(");
    }

    @Test
    void completionKnowsTheUsersDeclarations() {
        eval("int apples = 3;");
        eval("int applesPlus(int n) { return apples + n; }");

        Completions c = s.complete("int total = app", 15).join();

        assertThat(c.anchor()).isEqualTo(12);
        assertThat(c.candidates()).extracting(Completions.Candidate::text).contains("apples", "applesPlus(");
    }

    @Test
    void documentationGivesTheSignature() {
        assertThat(s.documentation("self.moveTo(", 12).join()).extracting(Documentation::signature)
                .singleElement().asString().contains("moveTo").contains("String");
        eval("String greet(String who) { return \"hi \" + who; }");
        assertThat(s.documentation("greet(", 6).join()).extracting(Documentation::signature)
                .containsExactly("String greet(String who)");
    }

    @Test
    void historyKeepsTheLatestInputsInOrder() {
        // Comments are evaluated without compiling anything, so many of them are quick.
        List<String> inputs = IntStream.range(0, 250).mapToObj(i -> "// " + i).toList();
        inputs.forEach(this::eval);
        eval("int broken = ;"); // inputs that fail are history too

        List<String> history = s.history();

        assertThat(history).hasSize(200);
        assertThat(history.subList(0, 199)).isEqualTo(inputs.subList(51, 250));
        assertThat(history.getLast()).isEqualTo("int broken = ;");
    }

    @Test
    void historyIsTheSessionsOwn() {
        eval("1 + 1");
        ReplSession other = engine.open("other", Map.of("self", () -> player, "room", player::room,
                "$secret", () -> ""), line -> { });
        try {
            assertThat(other.history()).isEmpty();
            assertThat(s.history()).containsExactly("1 + 1");
        } finally {
            other.close();
        }
    }

    private void eval(String input) {
        s.evaluate(input, SnippetRunner.direct(), o -> { }).join();
    }

    /** Runs code on the calling thread and counts the runs. */
    private static final class CountingRunner implements SnippetRunner {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public <T> T run(Callable<T> code) throws Exception {
            runs.incrementAndGet();
            return code.call();
        }
    }

    @Test
    void aDeclarationNamedLikeABindingIsTheUsersAndDroppingItBringsTheBindingBack() {
        eval("var self = 5;");
        assertThat(s.variables(SnippetRunner.direct()).join()).filteredOn(v -> v.name().equals("self"))
                .singleElement().satisfies(v -> assertThat(v.binding()).isFalse());
        assertThat(s.snippets().join()).extracting(SnippetInfo::name).contains("self");
        assertThat(s.drop("self").join()).isNotEmpty();
        assertThat(s.evaluate("self.name()", SnippetRunner.direct(), o -> { }).join().outcomes())
                .containsExactly(new SnippetOutcome.Value("self.name()", "\"Lister\"", "String"));
    }

    @Test
    void droppingTheUsersVersionOfAStartupMethodBringsTheEnginesBack() {
        eval("String shout(String s) { return \"quiet\"; }");
        assertThat(s.drop("shout").join()).extracting(SnippetInfo::name).containsExactly("shout");
        assertThat(s.evaluate("shout(\"hi\")", SnippetRunner.direct(), o -> { }).join().outcomes())
                .containsExactly(new SnippetOutcome.Value("shout(\"hi\")", "\"HI!\"", "String"));
    }
}
