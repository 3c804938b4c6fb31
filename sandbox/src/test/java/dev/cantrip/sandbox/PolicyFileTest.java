package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.repl.RunBudget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reading a policy file ({@link PolicyFile}): each directive becomes a rule, a bootstrap or a
 * budget; comments are dropped but {@code CLASS#MEMBER} is not taken for one; member parameter
 * types are turned into descriptor form; and every line it cannot read is refused with the file,
 * the line number and what is wrong with it.
 */
final class PolicyFileTest {

    private static PolicyFile.Contents parse(String text) {
        return PolicyFile.parse("t.policy", text, RunBudget.defaults());
    }

    /** The message of refusing {@code text}. */
    private static String refusal(String text) {
        try {
            parse(text);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    @Test
    void eachDirectiveBecomesARuleWithTheLineItWasReadFrom() {
        PolicyFile.Contents c = parse("""
                allow java.lang.*
                deny java.lang.System

                never java.lang.Thread
                engine jdk.jshell.spi.SPIResolutionException#<init>
                bootstrap java.lang.invoke.LambdaMetafactory#metafactory
                """);

        assertThat(c.rules()).containsExactly(
                new Policy.Rule(Policy.Effect.ALLOW, "java.lang.*", "t.policy:1"),
                new Policy.Rule(Policy.Effect.DENY, "java.lang.System", "t.policy:2"),
                new Policy.Rule(Policy.Effect.NEVER, "java.lang.Thread", "t.policy:4"),
                new Policy.Rule(Policy.Effect.ENGINE, "jdk.jshell.spi.SPIResolutionException#<init>", "t.policy:5"));
        assertThat(c.bootstraps()).containsExactly("java.lang.invoke.LambdaMetafactory#metafactory");
        assertThat(c.budget()).isEqualTo(RunBudget.defaults());
    }

    @Test
    void everyKindOfTargetIsKeptAsWritten() {
        PolicyFile.Contents c = parse("""
                allow java.util.*
                allow java.util.**
                allow java.util.Map$Entry
                allow java.lang.String#*
                allow java.lang.System#nanoTime
                allow java.util.ArrayList#<init>
                """);

        assertThat(c.rules()).extracting(Policy.Rule::target).containsExactly("java.util.*", "java.util.**",
                "java.util.Map$Entry", "java.lang.String#*", "java.lang.System#nanoTime", "java.util.ArrayList#<init>");
    }

    @Test
    void aHashAtTheStartOfALineOrAfterWhitespaceStartsAComment() {
        PolicyFile.Contents c = parse("""
                # a whole line of comment
                   # indented, also a comment
                allow java.lang.* # what follows is a comment
                deny java.lang.System\t# after a tab too
                never java.lang.System#exit
                allow java.lang.Math#max(int,int) #no space after the hash still counts
                """);

        assertThat(c.rules()).containsExactly(
                new Policy.Rule(Policy.Effect.ALLOW, "java.lang.*", "t.policy:3"),
                new Policy.Rule(Policy.Effect.DENY, "java.lang.System", "t.policy:4"),
                new Policy.Rule(Policy.Effect.NEVER, "java.lang.System#exit", "t.policy:5"),
                new Policy.Rule(Policy.Effect.ALLOW, "java.lang.Math#max(II)", "t.policy:6"));
    }

    @Test
    void memberParameterTypesAreTurnedIntoDescriptorForm() {
        assertThat(PolicyFile.target("java.math.BigInteger#<init>(int,java.util.Random)"))
                .isEqualTo("java.math.BigInteger#<init>(ILjava/util/Random;)");
        assertThat(PolicyFile.target("java.math.BigInteger#<init>(int,int,java.util.Random)"))
                .isEqualTo("java.math.BigInteger#<init>(IILjava/util/Random;)");
        assertThat(PolicyFile.target("java.util.Arrays#fill(long[],long)")).isEqualTo("java.util.Arrays#fill([JJ)");
        assertThat(PolicyFile.target("x.Y#m(boolean,byte,char,short,int,long,float,double)"))
                .isEqualTo("x.Y#m(ZBCSIJFD)");
        assertThat(PolicyFile.target("x.Y#m(java.lang.String[][],java.util.Map$Entry)"))
                .isEqualTo("x.Y#m([[Ljava/lang/String;Ljava/util/Map$Entry;)");
        assertThat(PolicyFile.target("java.lang.Object#hashCode()")).isEqualTo("java.lang.Object#hashCode()");
    }

    @Test
    void descriptorFormIsWhatTheRuleHoldsAfterParsing() {
        PolicyFile.Contents c = parse("deny java.math.BigInteger#<init>(int,java.util.Random)");

        assertThat(c.rules()).containsExactly(new Policy.Rule(Policy.Effect.DENY,
                "java.math.BigInteger#<init>(ILjava/util/Random;)", "t.policy:1"));
    }

    @Test
    void budgetLinesSetTheBudgetAndTheRestKeepTheDefaults() {
        RunBudget all = parse("""
                budget cpu 2s
                budget wall 500ms
                budget allocated 256MiB
                budget output 64KiB
                budget call-depth 200
                """).budget();

        assertThat(all).isEqualTo(new RunBudget(Duration.ofSeconds(2), Duration.ofMillis(500), 256L << 20, 64L << 10,
                200));

        RunBudget some = parse("budget wall 3s\nbudget allocated 2GiB\nbudget output 4096B").budget();
        assertThat(some).isEqualTo(RunBudget.defaults().withWall(Duration.ofSeconds(3))
                .withAllocatedBytes(2L << 30).withOutputBytes(4096));
    }

    @Test
    void aLaterBudgetLineOverridesAnEarlierOne() {
        assertThat(parse("budget cpu 1s\nbudget cpu 3s").budget().cpu()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anUnknownDirectiveIsRefusedNamingFileLineAndTheWord() {
        assertThat(refusal("allow java.lang.*\n\npermit java.util.*")).isEqualTo(
                "t.policy:3: unknown directive 'permit' (expected allow, deny, budget, never, engine or bootstrap)");
    }

    @Test
    void theWrongNumberOfWordsIsRefused() {
        assertThat(refusal("allow")).isEqualTo("t.policy:1: 'allow' takes a target, got 0 word(s)");
        assertThat(refusal("# header\ndeny java.lang.Thread java.lang.Runtime"))
                .isEqualTo("t.policy:2: 'deny' takes a target, got 2 word(s)");
        // Parameter types are written without spaces: with one, the line has a word too many.
        assertThat(refusal("allow java.lang.Math#max(int, int)"))
                .isEqualTo("t.policy:1: 'allow' takes a target, got 2 word(s)");
        assertThat(refusal("budget cpu")).isEqualTo("t.policy:1: 'budget' takes a name and a value, got 1 word(s)");
        assertThat(refusal("bootstrap")).isEqualTo("t.policy:1: 'bootstrap' takes CLASS#METHOD, got 0 word(s)");
    }

    @Test
    void anUnknownBudgetNameIsRefused() {
        assertThat(refusal("budget memory 1MiB")).isEqualTo(
                "t.policy:1: unknown budget 'memory' (expected cpu, wall, allocated, output, call-depth, async-cpu, async-wall, compile or retained)");
    }

    @Test
    void aBadSizeIsRefused() {
        assertThat(refusal("budget allocated 256MB"))
                .isEqualTo("t.policy:1: a size is a number with B, KiB, MiB or GiB (256MiB), not 256MB");
        assertThat(refusal("budget output 1.5MiB"))
                .isEqualTo("t.policy:1: a size is a number with B, KiB, MiB or GiB (256MiB), not 1.5MiB");
        assertThat(refusal("budget output -1KiB"))
                .isEqualTo("t.policy:1: a size is a number with B, KiB, MiB or GiB (256MiB), not -1KiB");
    }

    @Test
    void aSizeTooLargeToHoldIsRefusedRatherThanWrappedAround() {
        assertThat(refusal("budget allocated 17179869185GiB")).startsWith("t.policy:1: ").contains("17179869185GiB");
        assertThat(refusal("budget output 99999999999999999999B")).startsWith("t.policy:1: ")
                .contains("99999999999999999999B");
    }

    @Test
    void aBadTimeIsRefused() {
        assertThat(refusal("budget cpu 2min")).isEqualTo("t.policy:1: a time is a number with ms or s (500ms, 2s), not 2min");
        assertThat(refusal("budget wall 5")).isEqualTo("t.policy:1: a time is a number with ms or s (500ms, 2s), not 5");
    }

    @Test
    void aCallDepthThatIsNotAWholeNumberIsRefused() {
        assertThat(refusal("budget call-depth deep")).isEqualTo("t.policy:1: call-depth is a whole number, not deep");
    }

    @Test
    void aBudgetTheEngineWouldNotAcceptIsRefusedWithItsLine() {
        assertThat(refusal("\nbudget call-depth 3")).startsWith("t.policy:2: budget too small").contains("call depth 3");
        assertThat(refusal("budget wall 0ms")).startsWith("t.policy:1: cpu and wall time must be positive");
    }

    @Test
    void aBadTargetIsRefusedSayingWhatIsWrongWithIt() {
        assertThat(refusal("allow java..util.*")).isEqualTo("t.policy:1: not a package: java..util");
        assertThat(refusal("allow 9lives.**")).isEqualTo("t.policy:1: not a package: 9lives");
        assertThat(refusal("allow java.lang.String-Builder")).isEqualTo("t.policy:1: not a class name: java.lang.String-Builder");
        assertThat(refusal("allow *")).isEqualTo("t.policy:1: not a class name: *");
        assertThat(refusal("allow java.lang.#exit")).isEqualTo("t.policy:1: not a class name: java.lang.");
        assertThat(refusal("allow java.lang.System#a.b")).isEqualTo("t.policy:1: not a member name: a.b");
        assertThat(refusal("allow java.lang.System#<clinit>")).isEqualTo("t.policy:1: not a member name: <clinit>");
        assertThat(refusal("allow java.lang.Math#max(int,int")).isEqualTo(
                "t.policy:1: parameter types must end with ')': max(int,int");
        assertThat(refusal("allow java.lang.Math#max(int,,int)")).isEqualTo("t.policy:1: not a type: ");
        assertThat(refusal("allow java.lang.Math#max(int,in-t)")).isEqualTo("t.policy:1: not a type: in-t");
    }

    @Test
    void aBadBootstrapIsRefused() {
        assertThat(refusal("bootstrap java.lang.invoke.LambdaMetafactory"))
                .isEqualTo("t.policy:1: a bootstrap is CLASS#METHOD, not java.lang.invoke.LambdaMetafactory");
        assertThat(refusal("bootstrap java.lang.invoke.LambdaMetafactory#"))
                .isEqualTo("t.policy:1: a bootstrap is CLASS#METHOD, not java.lang.invoke.LambdaMetafactory#");
        assertThat(refusal("bootstrap java.lang.invoke.LambdaMetafactory#meta-factory"))
                .isEqualTo("t.policy:1: a bootstrap is CLASS#METHOD, not java.lang.invoke.LambdaMetafactory#meta-factory");
    }

    @Test
    void theRefusalKeepsWhatWentWrongAsItsCause() {
        assertThatThrownBy(() -> parse("budget wall soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .cause().hasMessage("a time is a number with ms or s (500ms, 2s), not soon");
    }

    @Test
    void theSourceNamedInMessagesIsTheOneGiven() {
        assertThatThrownBy(() -> PolicyFile.parse("tiers/builder.policy", "\n\n\nallow", RunBudget.defaults()))
                .hasMessageStartingWith("tiers/builder.policy:4: ");
    }
}
