package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's JDK-call findings replayed against a real server over telnet: CANON_EQ with one letter
 * and 11 combining marks (finding 5), hash codes, equality and text of nested lists and arrays on
 * shared structure (2^45 calls inside the JDK), and a snippet Reader locking on the session
 * (finding 10). Each attacker is told what was wrong, Bob's {@code look} is answered throughout,
 * and the server stays up. The measured figures are printed for BENCHMARKS.md.
 */
class JdkCallsEndToEndTest {

    @TempDir
    static Path data;

    private static AttackScene scene;

    /** One letter and 11 combining marks of 11 different classes (Hebrew points), as Java escapes. */
    private static final String ELEVEN_MARKS =
            "a\\u05B0\\u05B1\\u05B2\\u05B3\\u05B4\\u05B5\\u05B6\\u05B7\\u05B8\\u05B9\\u05BB";

    /** Finding 1's structure: 45 levels, each a list holding the level below twice. */
    private static final String SHARED_LISTS = "List<Object> x = new ArrayList<>(); x.add(1);"
            + " for (int i = 0; i < 45; i++) { List<Object> n = new ArrayList<>(); n.add(x); n.add(x); x = n; }"
            + " List<Object> y = new ArrayList<>(); y.add(1);"
            + " for (int i = 0; i < 45; i++) { List<Object> n = new ArrayList<>(); n.add(y); n.add(y); y = n; }";

    private static final String SHARED_ARRAYS = "Object[] a = {1}; for (int i = 0; i < 45; i++) { a = new Object[] {a, a}; }"
            + " Object[] b = {1}; for (int i = 0; i < 45; i++) { b = new Object[] {b, b}; }";

    @BeforeAll
    static void start() throws Exception {
        scene = AttackScene.start(data);
        // A session's first JShell can take long to make on a loaded machine: not what is measured here.
        patiently(scene.wizard, "java 1 + 1", "==> 2");
        patiently(scene.mallory, "java 1 + 1", "==> 2");
    }

    /** Sends {@code line} and waits up to 90 s for {@code expected} (a fresh JShell is being made). */
    private static void patiently(TelnetTestClient who, String line, String expected) throws IOException {
        who.send(line);
        for (int tries = 1; ; tries++) {
            try {
                who.expect(expected);
                return;
            } catch (AssertionError e) {
                if (tries == 6) {
                    throw e;
                }
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        scene.close();
    }

    /** The JDK's hash code of the shared lists (and arrays): h(0) = 31 + 1, h(k+1) = 31 (31 + h(k)) + h(k). */
    private static int sharedHash() {
        int h = 31 + 1;
        for (int i = 0; i < 45; i++) {
            h = 31 * (31 + h) + h;
        }
        return h;
    }

    /** Sends {@code java code} and waits for {@code expected}; prints and returns how long it took. */
    private static long attack(TelnetTestClient who, String label, String code, String expected) throws IOException {
        long start = System.nanoTime();
        who.say("java " + code, expected);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        String told = expected + who.expect("\n").strip();
        System.out.println("JdkCallsEndToEndTest: " + label + ": answered in " + millis + " ms: " + told);
        if (expected.startsWith("Stopped")) {
            assertThat(told).as(label).containsAnyOf("budget", "ran longer than");
        }
        return millis;
    }

    private static void bystanderAnsweredThroughout(AttackScene.Bystander bob, String label) throws Exception {
        bob.close();
        System.out.println("JdkCallsEndToEndTest: " + label + ": bystander " + bob.summary());
        assertThat(bob.looks()).as("looks answered during " + label).isPositive();
        assertThat(bob.worstMillis()).as("Bob's worst look during " + label).isLessThan(5_000);
        assertThat(scene.server.process.isAlive()).isTrue();
    }

    @Test
    void finding5CanonicalEquivalenceWithElevenMarksIsRefusedAtOnce() throws Exception {
        // The builder tier has no java.util.regex, and String.matches takes no flags: (?c) builds no
        // orderings in this JDK. So the attack is the Developer's.
        scene.mallory.say("java java.util.regex.Pattern.compile(\"" + ELEVEN_MARKS + "\", 128)",
                "java.util.regex.Pattern is not allowed in the builder tier");
        AttackScene.Bystander bob = scene.watch();
        attack(scene.wizard, "CANON_EQ, 11 marks (Wizard)",
                "java.util.regex.Pattern.compile(\"" + ELEVEN_MARKS + "\", java.util.regex.Pattern.CANON_EQ)",
                "combining marks (11 on one letter) would make CANON_EQ build over 10,000 orderings");
        attack(scene.wizard, "CANON_EQ as a method reference (Wizard)",
                "java.util.function.BiFunction<String, Integer, java.util.regex.Pattern> f = java.util.regex.Pattern::compile;"
                        + " f.apply(\"" + ELEVEN_MARKS + "\", 128)",
                "would make CANON_EQ build over 10,000 orderings");
        attack(scene.mallory, "(?c) inline, 11 marks (Mallory)",
                "\"" + ELEVEN_MARKS + "\".matches(\"(?c)" + ELEVEN_MARKS + "\")", "==> true");
        scene.wizard.say("java 6 * 7", "==> 42");
        bystanderAnsweredThroughout(bob, "finding 5");
    }

    @Test
    void nestedListsOnSharedStructureAreHashedAndComparedAtOnceAndTheirTextIsStopped() throws Exception {
        AttackScene.Bystander bob = scene.watch();
        patiently(scene.mallory, "java " + SHARED_LISTS, "y ==>");
        scene.mallory.say("java 1", "==> 1");
        attack(scene.mallory, "nested lists hashCode (Mallory)", "x.hashCode()", "==> " + sharedHash());
        attack(scene.mallory, "nested lists equals (Mallory)", "x.equals(y)", "==> true");
        attack(scene.mallory, "nested lists Objects.hash (Mallory)", "java.util.Objects.hash(x, y)",
                "==> " + (31 * (31 + sharedHash()) + sharedHash()));
        attack(scene.mallory, "nested lists toString (Mallory)", "x.toString().length()", "Stopped: it ");
        attack(scene.mallory, "nested lists println (Mallory)", "System.out.println(x)", "Stopped: it ");
        attack(scene.mallory, "nested lists concatenated (Mallory)", "String s = \"x is \" + x;", "Stopped: it ");
        scene.mallory.say("java record Pair(List<Object> a, List<Object> b) { }", "created record Pair");
        attack(scene.mallory, "nested lists in a record, hashCode (Mallory)", "new Pair(x, y).hashCode()",
                "==> " + (31 * sharedHash() + sharedHash()));
        attack(scene.mallory, "nested lists in a record, equals (Mallory)", "new Pair(x, y).equals(new Pair(y, x))",
                "==> true");
        scene.mallory.say("java 6 * 7", "==> 42");
        bystanderAnsweredThroughout(bob, "nested lists");
    }

    @Test
    void nestedArraysOnSharedStructureAreHashedAndComparedAtOnceAndTheirTextIsStopped() throws Exception {
        AttackScene.Bystander bob = scene.watch();
        patiently(scene.mallory, "java " + SHARED_ARRAYS, "b ==>");
        scene.mallory.say("java 1", "==> 1");
        attack(scene.mallory, "Arrays.deepHashCode (Mallory)", "Arrays.deepHashCode(a)", "==> " + sharedHash());
        attack(scene.mallory, "Arrays.deepEquals (Mallory)", "Arrays.deepEquals(a, b)", "==> true");
        attack(scene.mallory, "Arrays.deepToString (Mallory)", "Arrays.deepToString(a).length()", "Stopped: it ");
        scene.mallory.say("java 6 * 7", "==> 42");
        bystanderAnsweredThroughout(bob, "nested arrays");
    }

    @Test
    void finding10AReaderCannotLockOnAHostObject() throws Exception {
        AttackScene.Bystander bob = scene.watch();
        String reader = "class H extends java.io.Reader { H(Object l) { super(l); }"
                + " public int read(char[] c, int o, int n) { for (;;) { } } public void close() { } }";
        attack(scene.wizard, "Reader(Object) subclass (Wizard)", reader,
                "Rejected: new java.io.Reader(Object) is never allowed in snippets");
        patiently(scene.wizard, "java new H(session).skip(1)", "cannot find symbol");
        String writer = "class W extends java.io.Writer { W(Object l) { super(l); }"
                + " public void write(char[] c, int o, int n) { } public void flush() { } public void close() { } }";
        attack(scene.wizard, "Writer(Object) subclass (Wizard)", writer,
                "Rejected: new java.io.Writer(Object) is never allowed in snippets");
        scene.mallory.say("java " + reader, "java.io.Reader is not allowed in the builder tier");
        scene.wizard.say("java 6 * 7", "==> 42");
        bystanderAnsweredThroughout(bob, "finding 10");
    }
}
