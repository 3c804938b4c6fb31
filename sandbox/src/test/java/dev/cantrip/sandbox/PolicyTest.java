package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.repl.RunBudget;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which rule decides ({@link Policy}): a member's rule is looked for from the most specific target
 * down (member with parameter types, member by name, class or outer class, exact package, package
 * trees longest first); at one level a deny beats an allow; nothing matching is a denial;
 * {@code never} beats every allow of the tier and only {@code engine} rules beat {@code never}.
 */
final class PolicyTest {

    private static final String NONE = "";

    private static Policy policy(String base, String tier) {
        PolicyFile.Contents b = PolicyFile.parse("base.policy", base, RunBudget.defaults());
        PolicyFile.Contents t = PolicyFile.parse("t.policy", tier, RunBudget.defaults());
        return new Policy("t", b.rules(), t.rules(), b.bootstraps());
    }

    private static Policy tier(String tier) {
        return policy(NONE, tier);
    }

    private static boolean member(Policy p, String owner, String name, String descriptor) {
        return p.member(owner, name, descriptor).allowed();
    }

    @Test
    void aMemberWithParameterTypesBeatsTheMemberByName() {
        Policy p = tier("""
                deny x.A#m
                allow x.A#m(int)
                allow x.A#n
                deny x.A#n(java.lang.String)
                """);

        assertThat(member(p, "x.A", "m", "(I)V")).isTrue();
        assertThat(member(p, "x.A", "m", "(J)V")).isFalse();
        assertThat(member(p, "x.A", "n", "(I)V")).isTrue();
        assertThat(member(p, "x.A", "n", "(Ljava/lang/String;)V")).isFalse();
        // Only the parameters count: the return type is not part of the target.
        assertThat(member(p, "x.A", "m", "(I)Ljava/lang/String;")).isTrue();
    }

    @Test
    void aMemberByNameBeatsItsClass() {
        Policy p = tier("""
                deny x.A
                allow x.A#m
                """);

        assertThat(member(p, "x.A", "m", "()V")).isTrue();
        assertThat(member(p, "x.A", "m", "(I)I")).isTrue();
        assertThat(member(p, "x.A", "other", "()V")).isFalse();
    }

    @Test
    void aClassBeatsItsPackageAndCoversItsNestedClasses() {
        Policy p = tier("""
                allow x.*
                deny x.A
                """);

        assertThat(member(p, "x.B", "m", "()V")).isTrue();
        assertThat(member(p, "x.A", "m", "()V")).isFalse();
        assertThat(member(p, "x.A$Inner", "m", "()V")).isFalse();
        assertThat(member(p, "x.A$Inner$Deeper", "m", "()V")).isFalse();
        assertThat(p.type("x.A$Inner").allowed()).isFalse();
        assertThat(p.type("x.B$Inner").allowed()).isTrue();
    }

    @Test
    void aNestedClassesOwnRuleBeatsItsOuterClasses() {
        Policy p = tier("""
                deny x.A
                allow x.A$Inner
                """);

        assertThat(member(p, "x.A$Inner", "m", "()V")).isTrue();
        assertThat(member(p, "x.A$Inner$Deeper", "m", "()V")).isTrue();
        assertThat(member(p, "x.A", "m", "()V")).isFalse();
        assertThat(member(p, "x.A$Other", "m", "()V")).isFalse();
    }

    @Test
    void everyMemberOfAClassIsAClassLevelRule() {
        Policy p = tier("""
                allow x.A#*
                deny x.A#secret
                """);

        assertThat(member(p, "x.A", "m", "()V")).isTrue();
        assertThat(member(p, "x.A", "secret", "()V")).isFalse();
        assertThat(p.type("x.A").allowed()).isTrue();
    }

    @Test
    void anExactPackageBeatsPackageTreesAndDoesNotCoverSubpackages() {
        Policy p = tier("""
                allow x.**
                deny x.y.*
                """);

        assertThat(member(p, "x.y.A", "m", "()V")).isFalse();
        assertThat(member(p, "x.y.z.A", "m", "()V")).isTrue();
        assertThat(member(p, "x.A", "m", "()V")).isTrue();
    }

    @Test
    void packageTreesAreLookedAtLongestFirst() {
        Policy p = tier("""
                allow x.**
                deny x.y.**
                allow x.y.z.**
                """);

        assertThat(member(p, "x.A", "m", "()V")).isTrue();
        assertThat(member(p, "x.y.A", "m", "()V")).isFalse();
        assertThat(member(p, "x.y.q.A", "m", "()V")).isFalse();
        assertThat(member(p, "x.y.z.A", "m", "()V")).isTrue();
        assertThat(member(p, "x.y.z.w.A", "m", "()V")).isTrue();
        // A tree is a package and its subpackages, not every name that starts the same.
        assertThat(member(p, "x.yy.A", "m", "()V")).isTrue();
    }

    @Test
    void aDenyBeatsAnAllowOfTheSameTargetWhicheverComesFirst() {
        for (String target : new String[] {"x.**", "x.*", "x.A", "x.A#*", "x.A#m", "x.A#m(int)"}) {
            Policy denyLast = tier("allow " + target + "\ndeny " + target);
            Policy denyFirst = tier("deny " + target + "\nallow " + target);

            assertThat(member(denyLast, "x.A", "m", "(I)V")).as(target).isFalse();
            assertThat(member(denyFirst, "x.A", "m", "(I)V")).as(target).isFalse();
            assertThat(denyFirst.member("x.A", "m", "(I)V").rule().source()).as(target).isEqualTo("t.policy:1");
        }
    }

    @Test
    void nothingMatchingIsDeniedWithNoRule() {
        Policy p = tier("allow x.**");

        Policy.Verdict member = p.member("other.A", "m", "()V");
        Policy.Verdict type = p.type("other.A");

        assertThat(member.allowed()).isFalse();
        assertThat(member.rule()).isNull();
        assertThat(member.never()).isFalse();
        assertThat(type.allowed()).isFalse();
        assertThat(type.rule()).isNull();
        assertThat(p.type("A").allowed()).as("a class in the unnamed package").isFalse();
    }

    @Test
    void theVerdictNamesTheRuleThatDecided() {
        Policy p = tier("""
                allow x.**
                deny x.A
                allow x.A#m
                """);

        assertThat(p.member("x.A", "m", "()V").rule())
                .isEqualTo(new Policy.Rule(Policy.Effect.ALLOW, "x.A#m", "t.policy:3"));
        assertThat(p.member("x.A", "n", "()V").rule())
                .isEqualTo(new Policy.Rule(Policy.Effect.DENY, "x.A", "t.policy:2"));
        assertThat(p.member("x.B", "n", "()V").rule())
                .isEqualTo(new Policy.Rule(Policy.Effect.ALLOW, "x.**", "t.policy:1"));
    }

    @Test
    void neverBeatsAnyAllowOfTheTierAtAnyLevel() {
        Policy p = policy("""
                never x.A#m
                never x.B
                never x.c.**
                """, """
                allow x.**
                allow x.A#m(int)
                allow x.B
                allow x.B#n
                allow x.c.d.E
                allow x.c.d.E#n
                """);

        Policy.Verdict m = p.member("x.A", "m", "(I)V");
        assertThat(m.allowed()).isFalse();
        assertThat(m.never()).isTrue();
        assertThat(m.rule()).isEqualTo(new Policy.Rule(Policy.Effect.NEVER, "x.A#m", "base.policy:1"));
        assertThat(member(p, "x.A", "other", "()V")).isTrue();
        assertThat(p.type("x.A").allowed()).isTrue();

        assertThat(p.member("x.B", "n", "()V").never()).isTrue();
        assertThat(p.type("x.B").allowed()).isFalse();
        assertThat(p.type("x.B").never()).isTrue();
        assertThat(p.type("x.B$Inner").never()).isTrue();

        assertThat(p.member("x.c.d.E", "n", "()V").never()).isTrue();
        assertThat(p.type("x.c.d.E").never()).isTrue();
    }

    @Test
    void aDenialOfTheTierIsNotANever() {
        Policy p = tier("deny x.A");

        assertThat(p.member("x.A", "m", "()V").never()).isFalse();
        assertThat(p.type("x.A").never()).isFalse();
    }

    @Test
    void engineRulesBeatNever() {
        Policy p = policy("""
                never x.**
                engine x.Spi#<init>
                engine x.Used
                """, NONE);

        assertThat(member(p, "x.Spi", "<init>", "(Ljava/lang/String;)V")).isTrue();
        assertThat(p.member("x.Spi", "other", "()V").never()).isTrue();
        assertThat(p.type("x.Spi").allowed()).as("the class of an engine member").isTrue();
        assertThat(p.type("x.Used").allowed()).isTrue();
        assertThat(member(p, "x.Used", "anything", "()V")).isTrue();
        assertThat(p.type("x.Other").never()).isTrue();
    }

    @Test
    void aClassDeniedAsAWholeButWithAnAllowedMemberIsStillUsableAsAType() {
        Policy p = tier("""
                allow java.lang.*
                deny java.lang.System
                allow java.lang.System#out
                deny java.lang.Runtime
                """);

        assertThat(p.type("java.lang.System").allowed()).isTrue();
        assertThat(member(p, "java.lang.System", "out", "()")).isTrue();
        assertThat(member(p, "java.lang.System", "exit", "(I)V")).isFalse();
        assertThat(p.type("java.lang.Runtime").allowed()).isFalse();
        assertThat(p.type("java.lang.String").allowed()).isTrue();
    }

    @Test
    void aClassWithAnAllowedMemberIsNotUsableAsATypeWhenItIsNever() {
        Policy p = policy("never x.A", "allow x.A#m");

        assertThat(p.type("x.A").allowed()).isFalse();
        assertThat(p.type("x.A").never()).isTrue();
    }

    @Test
    void aMemberOnlyDeniedDoesNotMakeItsClassUsable() {
        Policy p = tier("deny x.A#m");

        assertThat(p.type("x.A").allowed()).isFalse();
    }

    @Test
    void bootstrapMethodsAreAllowedOnlyByName() {
        Policy p = policy("""
                bootstrap java.lang.invoke.LambdaMetafactory#metafactory
                bootstrap java.lang.invoke.StringConcatFactory#makeConcatWithConstants
                """, "allow java.lang.invoke.**");

        assertThat(p.bootstrapAllowed("java.lang.invoke.LambdaMetafactory", "metafactory")).isTrue();
        assertThat(p.bootstrapAllowed("java.lang.invoke.StringConcatFactory", "makeConcatWithConstants")).isTrue();
        assertThat(p.bootstrapAllowed("java.lang.invoke.LambdaMetafactory", "altMetafactory")).isFalse();
        assertThat(p.bootstrapAllowed("java.lang.invoke.ConstantBootstraps", "invoke"))
                .as("an allow rule is not a bootstrap").isFalse();
    }

    @Test
    void thePolicyKnowsItsTier() {
        assertThat(new Policy("builder", java.util.List.of(), java.util.List.of(), Set.of()).tier()).isEqualTo("builder");
    }
}
