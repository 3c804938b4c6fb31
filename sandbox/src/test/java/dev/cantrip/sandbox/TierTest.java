package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.repl.RunBudget;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reading a {@link Tier} from its policy text: a tier file has allow, deny and budget lines only
 * (what belongs to the base policy is refused, naming where it was found), its budget is what the
 * file says on top of the defaults, and errors in the text are reported with the file's name.
 */
final class TierTest {

    @Test
    void aNeverLineInATierFileIsRefused() {
        assertThatThrownBy(() -> Tier.parse("builder", "builder.policy", "allow java.lang.*\nnever java.lang.String"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("builder.policy:2: 'never' belongs to the base policy; a tier file has allow, deny and budget");
    }

    @Test
    void anEngineLineInATierFileIsRefused() {
        assertThatThrownBy(() -> Tier.parse("builder", "builder.policy", "engine java.lang.Thread"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("builder.policy:1: 'engine' belongs to the base policy; a tier file has allow, deny and budget");
    }

    @Test
    void aBootstrapLineInATierFileIsRefused() {
        assertThatThrownBy(() -> Tier.parse("builder", "builder.policy",
                "allow java.lang.*\nbootstrap java.lang.invoke.LambdaMetafactory#metafactory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("builder.policy")
                .hasMessageContaining("'bootstrap' belongs to the base policy");
    }

    @Test
    void anErrorInTheTierTextNamesTheTiersFileAndLine() {
        assertThatThrownBy(() -> Tier.parse("builder", "tiers/builder.policy", "allow java.lang.*\nbudget wall forever"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tiers/builder.policy:2: a time is a number with ms or s (500ms, 2s), not forever");
    }

    @Test
    void theBudgetIsWhatTheFileSaysOnTopOfTheDefaults() {
        Tier tier = Tier.parse("builder", "builder.policy", """
                budget cpu 1s
                budget wall 300ms
                budget output 64KiB
                allow java.lang.*
                """);

        assertThat(tier.budget()).isEqualTo(RunBudget.defaults().withCpu(Duration.ofSeconds(1))
                .withWall(Duration.ofMillis(300)).withOutputBytes(64L << 10));
        // Background work has the same budget unless the file gives it its own time.
        assertThat(tier.asyncBudget()).isEqualTo(tier.budget());
    }

    @Test
    void backgroundWorkHasItsOwnTimeBudgetsAndTheRestOfTheTiers() {
        Tier tier = Tier.parse("developer", "developer.policy", """
                budget cpu 2s
                budget allocated 32MiB
                budget async-cpu 30s
                budget async-wall 1500ms
                """);

        assertThat(tier.budget().cpu()).isEqualTo(Duration.ofSeconds(2));
        assertThat(tier.asyncBudget()).isEqualTo(tier.budget().withCpu(Duration.ofSeconds(30))
                .withWall(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> Tier.parse("x", "x.policy", "budget async-ram 1s"))
                .hasMessageContaining("expected cpu, wall, allocated, output, call-depth, async-cpu, async-wall, compile or retained");
    }

    @Test
    void compilingHasABudgetOfItsOwn() {
        assertThat(Tier.parse("builder", "builder.policy", "budget compile 3s\n").compileBudget())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(Tier.parse("t", "t.policy", "budget compile 750ms\n").compileBudget()).isEqualTo(Duration.ofMillis(750));
        assertThat(Tier.parse("t", "t.policy", "budget cpu 1s\n").compileBudget()).isEqualTo(Tier.DEFAULT_COMPILE_BUDGET);
        assertThatThrownBy(() -> Tier.parse("t", "t.policy", "budget compile 0s"))
                .hasMessage("t.policy:1: compile must be more than 0");
        assertThatThrownBy(() -> Tier.parse("t", "t.policy", "budget compile lots"))
                .hasMessageContaining("t.policy:1: a time is a number with ms or s");
    }

    @Test
    void whatASessionMayKeepIsTheTiersRetainedBudget() {
        assertThat(Tier.parse("builder", "builder.policy", "budget retained 32MiB").retainedBytes()).isEqualTo(32L << 20);
        assertThat(Tier.parse("empty", "empty.policy", "").retainedBytes()).isEqualTo(Tier.DEFAULT_RETAINED);
        assertThatThrownBy(() -> Tier.parse("x", "x.policy", "budget retained 32MB"))
                .hasMessageContaining("x.policy:1: a size is a number with B, KiB, MiB or GiB");
    }

    @Test
    void aTierWithoutBudgetLinesHasTheDefaultBudget() {
        Tier tier = Tier.parse("empty", "empty.policy", "# nothing allowed at all\n");

        assertThat(tier.budget()).isEqualTo(RunBudget.defaults());
        assertThat(tier.name()).isEqualTo("empty");
        assertThat(tier.gate()).isNotNull();
    }

    @Test
    void itsTextShowsItsNameAndBudget() {
        Tier tier = Tier.parse("builder", "builder.policy", "budget call-depth 200");

        assertThat(tier.toString()).isEqualTo("Tier[builder, " + RunBudget.defaults().withCallDepth(200) + "]");
    }

    @Test
    void itsArgumentsMustBeGiven() {
        assertThatThrownBy(() -> Tier.parse(null, "x.policy", "")).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> Tier.parse("x", null, "")).isInstanceOf(NullPointerException.class)
                .hasMessage("source");
        assertThatThrownBy(() -> Tier.parse("x", "x.policy", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("policyText");
    }
}
