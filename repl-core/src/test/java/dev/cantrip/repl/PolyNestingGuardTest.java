package dev.cantrip.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guard against calls nested in poly arguments, whose compile time doubles per level. */
class PolyNestingGuardTest {

    // Costs in CPU time: the machine running the tests may be shared.
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /** {@code g(true ? g(true ? ... 1 ... : null, 2) : null, 2)}, {@code depth} calls deep. */
    static String conditionals(int depth) {
        String s = "1";
        for (int i = 0; i < depth; i++) {
            s = "g(true ? " + s + " : null, 2)";
        }
        return s;
    }

    /**
     * {@code g(A, A)} doubled {@code times} over, each {@code A} nested {@link PolyNestingGuard#MAX_DEPTH}
     * levels: let through (plain nesting does not count), and slow in proportion to its length
     * (measured: 3.4 KB, 2 s of CPU).
     */
    static String doubled(int times) {
        String s = conditionals(PolyNestingGuard.MAX_DEPTH);
        for (int i = 0; i < times; i++) {
            s = "g(" + s + ", " + s + ")";
        }
        return s;
    }

    @Test
    void slowButShallowCodeIsLetThroughForTheCompileBudget() {
        assertThat(PolyNestingGuard.check(doubled(6))).isEmpty();
    }

    @Test
    void theFindingsInputIsRefusedWithWhatToDo() {
        String bomb = conditionals(18);
        assertThat("java " + bomb).hasSize(366); // as the finding typed it
        assertThat(PolyNestingGuard.check(bomb)).hasValue("it nests calls inside conditionals, lambdas or switches 18"
                + " levels deep (at most 5), which the compiler takes exponential time to check: split it with local"
                + " variables (var a = ...; then use a)");
        assertThat(PolyNestingGuard.check("var x = " + bomb + ";")).isPresent();
        assertThat(PolyNestingGuard.check("Object f() { return " + bomb + "; }")).isPresent();
    }

    @Test
    void fiveLevelsPassSixDoNot() {
        assertThat(PolyNestingGuard.check(conditionals(5))).isEmpty();
        assertThat(PolyNestingGuard.check(conditionals(6))).get().asString().contains("6 levels deep");
    }

    @Test
    void plainNestingReceiversAndCastsDoNotCount() {
        String plain = "1";
        for (int i = 0; i < 40; i++) {
            plain = "g(" + plain + ", 2)";
        }
        assertThat(PolyNestingGuard.check(plain + " == null ? 1 : 2")).isEmpty();
        // A cast makes its operand standalone: each cast starts over.
        String cast = "1";
        for (int i = 0; i < 12; i++) {
            cast = "g(true ? (Object) " + cast + " : null, 2)";
        }
        assertThat(PolyNestingGuard.check(cast)).isEmpty();
        assertThat(PolyNestingGuard.check("list.stream().map(x -> x + 1).filter(x -> x > 2).map(x -> x * 2)"
                + ".filter(x -> x < 9).map(x -> x - 1).sorted((a, b) -> b - a).toList()")).isEmpty();
    }

    @Test
    void plainCallsBetweenPolyLevelsDoNotHideThem() {
        String mixed = "1";
        for (int i = 0; i < 6; i++) {
            mixed = "h(h(true ? " + mixed + " : null))";
        }
        assertThat(PolyNestingGuard.check(mixed)).get().asString().contains("6 levels deep");
    }

    @Test
    void lambdasAndSwitchesCountLikeConditionals() {
        String lambdas = "1";
        for (int i = 0; i < 6; i++) {
            lambdas = "k(() -> " + lambdas + ")";
        }
        assertThat(PolyNestingGuard.check(lambdas)).get().asString().contains("6 levels deep");
        String blocks = "1";
        for (int i = 0; i < 6; i++) {
            blocks = "k(() -> { int z = 0; return " + blocks + "; })";
        }
        assertThat(PolyNestingGuard.check(blocks)).get().asString().contains("6 levels deep");
        String switches = "1";
        for (int i = 0; i < 6; i++) {
            switches = "g(switch (n) { case 1 -> " + switches + "; default -> null; }, 2)";
        }
        assertThat(PolyNestingGuard.check(switches)).get().asString().contains("6 levels deep");
        String yields = "1";
        for (int i = 0; i < 6; i++) {
            yields = "g(switch (n) { case 1: yield " + yields + "; default: yield null; }, 2)";
        }
        assertThat(PolyNestingGuard.check(yields)).get().asString().contains("6 levels deep");
    }

    @Test
    void callsInLambdaStatementsCountToo() {
        // Found by the attack round: with three overloads of m, javac types each body once per
        // candidate; the calls are statements, not results (8 levels: 10 s of CPU, 12: minutes).
        String statements = "m(a0 -> 0)";
        for (int i = 1; i < 12; i++) {
            statements = "m(a" + i + " -> { " + statements + "; return 0; })";
        }
        assertThat(PolyNestingGuard.check(statements)).get().asString().contains("12 levels deep");
        String five = "m(a0 -> 0)";
        for (int i = 1; i < 5; i++) {
            five = "m(a" + i + " -> { " + five + "; return 0; })";
        }
        assertThat(PolyNestingGuard.check(five)).isEmpty();
        // A lambda whose body calls a few methods side by side is not nested.
        assertThat(PolyNestingGuard.check("here.contents().forEach(o -> { o.msg(f(g(h(1)))); o.msg(\"x\"); })"))
                .isEmpty();
    }

    @Test
    void unicodeEscapesDoNotHideTheShape() {
        String escaped = conditionals(8).replace("?", "\\u003F");
        assertThat(PolyNestingGuard.mayHoldTheShape(escaped)).isTrue();
        assertThat(PolyNestingGuard.check(escaped)).isPresent();
    }

    @Test
    void ordinarySnippetsAreNotParsedAndCostMicroseconds() {
        List<String> ordinary = List.of("1 + 1", "6 * 7", "self.msg(\"hi\")", "int x = 5;",
                "for (int i = 0; i < 10; i++) { total += i; }", "var l = new ArrayList<String>(); l.add(\"a\");",
                "here.contents().stream().map(o -> o.key()).toList()", "delay(10, who -> who.msg(\"Test!\"), self)",
                "String s = x > 2 ? \"big\" : \"small\";", "Math.max(Math.min(a, b), Math.abs(c))");
        for (String s : ordinary) {
            assertThat(PolyNestingGuard.mayHoldTheShape(s)).as(s).isFalse();
        }
        int rounds = 20_000;
        long start = CPU.getCurrentThreadCpuTime();
        int refused = 0;
        for (int r = 0; r < rounds; r++) {
            for (String s : ordinary) {
                refused += PolyNestingGuard.check(s).isPresent() ? 1 : 0;
            }
        }
        double perSnippetNanos = (CPU.getCurrentThreadCpuTime() - start) / (double) (rounds * ordinary.size());
        assertThat(refused).isZero();
        // One that must be parsed (six '(' and a '?'), warm.
        String parsed = "String s = x > 2 ? f(a(b(c(d(e(1)))))) : \"small\";";
        assertThat(PolyNestingGuard.mayHoldTheShape(parsed)).isTrue();
        for (int i = 0; i < 200; i++) {
            PolyNestingGuard.check(parsed);
        }
        long parseStart = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < 200; i++) {
            assertThat(PolyNestingGuard.check(parsed)).isEmpty();
        }
        double parsedMicros = (CPU.getCurrentThreadCpuTime() - parseStart) / 200 / 1e3;
        // For comparison, the constant-fold guard's parse of a snippet saying final.
        long foldStart = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < 200; i++) {
            ConstantFoldGuard.check("final String s = x > 2 ? \"big\" : \"small\";");
        }
        double foldMicros = (CPU.getCurrentThreadCpuTime() - foldStart) / 200 / 1e3;
        System.out.printf("PolyNestingGuard cost (CPU): %.0f ns per ordinary snippet (not parsed), %.0f us for one it parses"
                + " (ConstantFoldGuard's parse: %.0f us)%n", perSnippetNanos, parsedMicros, foldMicros);
        assertThat(perSnippetNanos).as("a text scan, generous for a loaded machine").isLessThan(50_000);
    }
}
