package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cantrip.repl.SnippetOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Verifier} as the engine's gate, against a small tier ({@link SandboxTesting#POLICY}):
 * members are judged where they are declared, whatever class the code names them through; method
 * references, which appear only as arguments of an {@code invokedynamic}, are checked like calls;
 * what is refused is reported naming the tier, or saying it is never allowed when the base policy
 * says so, and nothing of it stays defined.
 */
final class VerifierTest {

    private static SandboxTesting t;

    @BeforeAll
    static void start() {
        t = new SandboxTesting("");
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

    private static SnippetOutcome.Rejected rejected(String source, String reason) {
        return new SnippetOutcome.Rejected(source, reason);
    }

    @Test
    void aMemberAllowedOnObjectIsNotAllowedThroughADeniedClassThatOverridesIt() {
        // StringBuilder declares its own toString(); Object's is allowed, StringBuilder's is not.
        assertThat(t.only("new StringBuilder(\"ab\").append(1).toString()")).isEqualTo(rejected(
                "new StringBuilder(\"ab\").append(1).toString()",
                "java.lang.StringBuilder.toString() is not allowed in the tester tier"));
        // hashCode() it does not override: that is Object's, and allowed.
        assertThat(t.only("new StringBuilder(\"ab\").hashCode() != 0 || true"))
                .isEqualTo(new SnippetOutcome.Value("new StringBuilder(\"ab\").hashCode() != 0 || true", "true",
                        "boolean"));
        // Named through Object, the call is Object's: what runs is StringBuilder's, as Java decides.
        assertThat(t.show("Object o = new StringBuilder(\"ab\").append(1); o.toString()"))
                .endsWith("==> \"ab1\"");
    }

    @Test
    void aClassDeniedAsAWholeIsUsableThroughItsAllowedMembers() {
        assertThat(t.show("StringBuilder sb = new StringBuilder(\"ab\"); sb.append(\"cd\").length()"))
                .endsWith("==> 4");
        assertThat(t.only("new StringBuilder(\"ab\").reverse()")).isEqualTo(rejected(
                "new StringBuilder(\"ab\").reverse()",
                "java.lang.StringBuilder.reverse() is not allowed in the tester tier"));

        assertThat(t.eval("System.out.println(\"hello\")").outcomes()).singleElement()
                .isInstanceOf(SnippetOutcome.Ran.class);
        assertThat(t.printed).containsExactly("hello");
        assertThat(t.only("System.currentTimeMillis()")).isEqualTo(rejected("System.currentTimeMillis()",
                "java.lang.System.currentTimeMillis() is not allowed in the tester tier"));
    }

    @Test
    void aHostMemberIsJudgedWhereItIsDeclaredNotWhereItIsNamed() {
        // ArrayList inherits toString() from AbstractCollection, whose toString() the tier denies.
        assertThat(t.only("new ArrayList<String>().toString()")).isEqualTo(rejected(
                "new ArrayList<String>().toString()",
                "java.util.AbstractCollection.toString() is not allowed in the tester tier"));
        assertThat(t.show("new ArrayList<String>(List.of(\"a\")).size()")).containsExactly("==> 1");
    }

    @Test
    void membersASnippetClassInheritsFromTheHostAreJudgedWhereTheyAreDeclared() {
        t.eval("class X {}");
        t.eval("class Names extends ArrayList<String> {}");

        assertThat(t.only("new X().wait()"))
                .isEqualTo(rejected("new X().wait()", "java.lang.Object.wait() is never allowed in snippets"));
        assertThat(t.show("new X().equals(new X())")).containsExactly("==> false");
        // Named through the snippet class, found in its host superclass's superclass.
        assertThat(t.only("new Names().toString()")).isEqualTo(rejected("new Names().toString()",
                "java.util.AbstractCollection.toString() is not allowed in the tester tier"));
        assertThat(t.show("Names n = new Names(); n.add(\"a\"); n.size()")).endsWith("==> 1");
    }

    @Test
    void aSnippetClassesOwnMembersAreItsOwnEvenWhenTheyShareAHostName() {
        t.eval("class Waiter { void wait(int times) { } String toString(int radix) { return \"r\" + radix; } }");

        assertThat(t.show("new Waiter().toString(16)")).containsExactly("==> \"r16\"");
        assertThat(t.eval("new Waiter().wait(3)").outcomes()).singleElement().isInstanceOf(SnippetOutcome.Ran.class);
    }

    @Test
    void aMethodReferenceIsCheckedLikeACall() {
        assertThat(t.only("Runnable r = System::gc;"))
                .isEqualTo(rejected("Runnable r = System::gc;", "java.lang.System.gc() is never allowed in snippets"));
        assertThat(t.only("java.util.function.Supplier<StringBuilder> f = new StringBuilder(\"ab\")::reverse;"))
                .isEqualTo(rejected("java.util.function.Supplier<StringBuilder> f = new StringBuilder(\"ab\")::reverse;",
                        "java.lang.StringBuilder.reverse() is not allowed in the tester tier"));
        assertThat(t.show("java.util.function.IntSupplier n = new StringBuilder(\"abc\")::length; n.getAsInt()"))
                .endsWith("==> 3");
    }

    @Test
    void whatTheBasePolicyForbidsIsNeverAllowedWhatTheTierDeniesIsNotAllowedInIt() {
        assertThat(t.only("System.exit(0);"))
                .isEqualTo(rejected("System.exit(0);", "java.lang.System.exit(int) is never allowed in snippets"));
        assertThat(t.only("System.gc();")).as("never beats the tier's own allow")
                .isEqualTo(rejected("System.gc();", "java.lang.System.gc() is never allowed in snippets"));
        assertThat(t.only("Thread.currentThread()"))
                .isEqualTo(rejected("Thread.currentThread()", "java.lang.Thread is never allowed in snippets"));
        assertThat(t.only("new java.util.concurrent.Semaphore(1)")).isEqualTo(rejected(
                "new java.util.concurrent.Semaphore(1)",
                "java.util.concurrent.Semaphore is not allowed in the tester tier"));
        assertThat(t.only("new java.text.DecimalFormat(\"0.0\")")).isEqualTo(rejected(
                "new java.text.DecimalFormat(\"0.0\")", "java.text.DecimalFormat is not allowed in the tester tier"));
    }

    @Test
    void aRejectedDeclarationDoesNotLinger() {
        assertThat(t.only("void collect() { System.gc(); }"))
                .isEqualTo(rejected("void collect() { System.gc(); }", "java.lang.System.gc() is never allowed in snippets"));

        assertThat(t.only("collect()")).isInstanceOf(SnippetOutcome.Diagnosed.class);
        assertThat(t.show("collect()")).first().asString().isEqualTo("Error: cannot find symbol");
    }

    @Test
    void aRejectedSnippetLeavesTheRestOfTheInputAndTheSessionWorking() {
        var outcomes = t.eval("int kept = 6; StringBuilder r = new StringBuilder(\"x\").reverse(); int also = 7;")
                .outcomes();

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(1)).isEqualTo(rejected("StringBuilder r = new StringBuilder(\"x\").reverse();",
                "java.lang.StringBuilder.reverse() is not allowed in the tester tier"));
        assertThat(t.show("kept * also")).containsExactly("==> 42");
    }

    @Test
    void synchronizedCodeIsRefused() {
        assertThat(t.only("synchronized (String.class) { }")).isInstanceOfSatisfying(SnippetOutcome.Rejected.class,
                r -> assertThat(r.reason()).startsWith("synchronized blocks are not allowed in snippets"));
        // JShell refuses a synchronized method of its own; in a class, javac writes one and the gate refuses it.
        assertThat(t.only("class Locked { synchronized void locked() { } }"))
                .isInstanceOfSatisfying(SnippetOutcome.Rejected.class, r -> assertThat(r.reason())
                        .startsWith("synchronized methods are not allowed in snippets (locked)"));
    }
}
