package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox against hostile snippets, in the real server process over real telnet: each vector is
 * refused or stopped with a message that says what and why, a second player's {@code look} is
 * answered after each, the server stays up, and no snippet code is left burning CPU. Then a sample
 * of what the developer tier allows, so the sandbox is not crippling the language.
 */
class SandboxEndToEndTest {

    @TempDir
    Path data;

    /** A snippet and the start of what its outcome line must say. */
    private record Vector(String code, String expected) {}

    /** Stopped at the developer tier's CPU budget (2 s), or at its wall budget (5 s) on a loaded machine. */
    private static final String CPU_BUDGET = "Stopped: it used 2";

    private static final List<Vector> VECTORS = List.of(
            new Vector("java.util.function.IntConsumer c = System::exit; c.accept(0);",
                    "Rejected: java.lang.System.exit(int) is never allowed in snippets"),
            new Vector("jdk.jshell.JShell.create().eval(\"new ProcessBuilder(\\\"id\\\").start()\");",
                    "Rejected: jdk.jshell.JShell is never allowed in snippets"),
            new Vector("Class.forName(\"REPL.$Cancel$\").getField(\"allStop\").setBoolean(null, false);",
                    "Rejected: java.lang.Class.forName(String) is never allowed in snippets"),
            new Vector("for (;;) { try { for (;;) {} } catch (Throwable t) {} }", CPU_BUDGET),
            new Vector("for (;;) { try { for (;;) {} } finally { continue; } }", CPU_BUDGET),
            new Vector("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\".matches(\"(.*a){12}\");", CPU_BUDGET),
            new Vector("java.math.BigInteger.valueOf(3).pow(200_000_000);",
                    "java.lang.ArithmeticException: pow(200000000) would make a number of about 400,000,000 bits"),
            new Vector("class E extends RuntimeException { public Throwable getCause() { return this; } } throw new E();",
                    "\nE\n"),
            new Vector("new Object() { public String toString() { for (;;) {} } }", CPU_BUDGET),
            new Vector("Thread t = new Thread(() -> { for (;;) {} }); t.setDaemon(true); t.start();",
                    "Rejected: java.lang.Thread is never allowed in snippets"),
            new Vector("long[][] a = new long[1 << 16][1 << 16];",
                    "Stopped: it asked for 32.0 GiB at once with"),
            new Vector("var l = new java.util.ArrayList<long[]>(); for (;;) l.add(new long[1 << 20]);",
                    "of its 256.0 MiB allocation budget"),
            new Vector("java.util.concurrent.CompletableFuture.runAsync(() -> { for (;;) {} });",
                    "Rejected: java.util.concurrent.CompletableFuture is never allowed in snippets"),
            new Vector("void f() { f(); } f();", "Stopped: it called methods more than 1,000 deep"),
            new Vector("new java.net.ServerSocket(0).accept();",
                    "Rejected: java.net.ServerSocket is never allowed in snippets"),
            new Vector("synchronized (String.class) { for (;;) {} }",
                    "Rejected: synchronized blocks are not allowed in snippets"),
            new Vector("System.setOut(null);",
                    "Rejected: java.lang.System.setOut(PrintStream) is never allowed in snippets"),
            new Vector("self.getClass().getClassLoader();",
                    "Rejected: java.lang.Class.getClassLoader() is never allowed in snippets"),
            // More, thinking as an attacker with the source.
            new Vector("Runtime.getRuntime().halt(0);", "Rejected: java.lang.Runtime is never allowed in snippets"),
            new Vector("System.getLogger(\"dev.cantrip\").log(System.Logger.Level.ERROR, \"forged\");",
                    "Rejected: java.lang.System.getLogger(String) is never allowed in snippets"),
            new Vector("java.lang.reflect.Array.newInstance(int.class, 5);",
                    "Rejected: java.lang.reflect.Array is never allowed in snippets"),
            new Vector("Thread.ofVirtual().start(() -> { for (;;) {} });",
                    "Rejected: java.lang.Thread is never allowed in snippets"),
            new Vector("List.of(1, 2, 3).parallelStream().map(x -> x + 1).toList();",
                    "Rejected: java.util.Collection.parallelStream() is never allowed in snippets"),
            new Vector("new Object().wait();", "Rejected: java.lang.Object.wait() is never allowed in snippets"),
            new Vector("new java.io.File(\"/etc/passwd\").exists();",
                    "Rejected: java.io.File is never allowed in snippets"),
            new Vector("java.util.function.Supplier<String> p = System::lineSeparator; java.util.function.Function<String, String> g = System::getenv; g.apply(\"HOME\");",
                    "Rejected: java.lang.System.getenv(String) is never allowed in snippets"),
            new Vector("\"x\".repeat(1 << 30);", "Stopped: it asked for 2.0 GiB at once"),
            new Vector("new StringBuilder().setLength(Integer.MAX_VALUE - 8);", "Stopped: it asked for 4.0 GiB at once"),
            new Vector("new HashMap<Integer, Integer>(1 << 30);", "Stopped: it asked for 4.0 GiB at once"),
            new Vector("String.format(\"%999999999d\", 1);", "asks for a width or precision over 100,000 characters"),
            new Vector("LongStream.range(0, Long.MAX_VALUE).sum();", CPU_BUDGET),
            new Vector("Stream.generate(Math::random).count();", "Stopped: it "), // CPU or allocation, whichever first
            new Vector("new java.math.BigDecimal(\"1e999999999\").add(java.math.BigDecimal.ONE);",
                    "an exponent of 999,999,999 is too large"),
            new Vector("java.util.function.IntFunction<ArrayList<String>> mk = ArrayList::new; mk.apply(1 << 30);",
                    "Rejected: new java.util.ArrayList(int) cannot be used as a method reference in snippets"),
            new Vector("for (int i = 0; ; i++) System.out.println(\"flood \" + i);",
                    "[output cut: more than 1,048,576 bytes printed]"),
            new Vector("session.connection().close(\"bye\");",
                    "Rejected: dev.cantrip.session.Session.connection() is not allowed in the developer tier"),
            new Vector("account.passwordHash();",
                    "Rejected: dev.cantrip.account.Account.passwordHash() is not allowed in the developer tier"),
            // A StackOverflowError landing in a JDK class initializer would break that class for the
            // whole server: constructors count toward the call depth, so the budget ends it first.
            new Vector("class D { static Object r; D(int n) { try { new D(n + 1); } catch (StackOverflowError e) { }"
                    + " if (r == null) { try { r = \"ab\".repeat(2); } catch (Throwable t) { } } } } new D(0);",
                    "Stopped: it called methods more than 1,000 deep"),
            new Vector("IO.println(\"to the real stdout\");", "Rejected: java.lang.IO is never allowed in snippets"),
            new Vector("Locale.setDefault(Locale.forLanguageTag(\"tr-TR\"));",
                    "Rejected: java.util.Locale.setDefault(Locale) is never allowed in snippets"),
            new Vector("java.util.concurrent.TimeUnit.SECONDS.sleep(10);",
                    "Rejected: java.util.concurrent.TimeUnit.sleep(long) is never allowed in snippets"),
            new Vector("\"\".matches(\"(?:(?:(?=)){100000}){100000}\");",
                    "counted repetitions ({n}) multiply to more than 100,000"),
            new Vector("new java.math.BigInteger(\"7\".repeat(3_000_000)).bitLength();",
                    "a number of 3,000,000 characters would make a number of about 3,000,000 digits"),
            new Vector("class AL extends ArrayList<Object> { } new AL().ensureCapacity(160_000_000);",
                    "Stopped: it asked for 610.4 MiB at once"),
            new Vector("class R extends Random { } new R().ints().sum();", CPU_BUDGET),
            new Vector("throw new RuntimeException(\"x\\n\".repeat(600_000));", "... (599,980 more lines)"),
            new Vector("interface Loud { void printStackTrace(); }",
                    "Rejected: an interface may not declare printStackTrace() in snippets"),
            new Vector("System.out.close(); System.out.println(\"still heard\");", "still heard"),
            new Vector(foldBomb(), "Rejected: its constants would be folded by the compiler into a string of about"));

    /** Ten final strings, each ten copies of the one before: a gigabyte for javac to fold at compile time. */
    private static String foldBomb() {
        StringBuilder code = new StringBuilder("int bomb() { final String a0 = \"0123456789\";");
        for (int i = 1; i <= 8; i++) {
            code.append(" final String a").append(i).append(" = a").append(i - 1);
            code.append((" + a" + (i - 1)).repeat(9)).append(";");
        }
        return code.append(" return a8.length(); }").toString();
    }

    @Test
    void everyVectorIsRefusedOrStoppedAndTheServerKeepsAnswering() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort);
             TelnetTestClient pat = new TelnetTestClient(server.telnetPort)) {
            logInTheWizard(wiz);
            createPat(pat);
            wiz.say("java 1 + 1", "==> 2");

            for (Vector v : VECTORS) {
                wiz.send("java " + v.code());
                wiz.expect(">>> " + v.code().lines().findFirst().orElseThrow());
                try {
                    if (v.expected().equals(CPU_BUDGET)) {
                        // On a loaded machine a spin gets less than 2 s of CPU in the 5 s of wall time.
                        wiz.expectEither(CPU_BUDGET, "Stopped: it ran longer than 5 s");
                    } else {
                        wiz.expect(v.expected());
                    }
                } catch (AssertionError e) {
                    throw new AssertionError("vector: " + v.code() + "\n" + e.getMessage(), e);
                }
                pat.say("look", "Limbo");
                wiz.say("java 6 * 7", "==> 42");
            }

            assertThat(server.process.isAlive()).isTrue();
            // No snippet code left running anywhere: the server idles.
            Map<String, Long> before = threadTicks(server.process.pid());
            Thread.sleep(3_000);
            Map<String, Long> after = threadTicks(server.process.pid());
            long used = after.values().stream().mapToLong(Long::longValue).sum()
                    - before.values().stream().mapToLong(Long::longValue).sum();
            long bySnippetThreads = after.entrySet().stream().filter(e -> e.getKey().contains("cantrip-snippet"))
                    .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
            // A snippet left running would burn a whole core (300 ticks); the JIT and the collector
            // may still be busy for a moment after the barrage.
            assertThat(bySnippetThreads).as("CPU ticks (1/100 s) of snippet threads in 3 s after the vectors, busiest"
                    + " threads: %s", busiest(before, after)).isLessThan(10);
            assertThat(used).as("CPU ticks (1/100 s) of the whole server in 3 s after the vectors, busiest threads: %s",
                    busiest(before, after)).isLessThan(250);
            pat.say("look", "Limbo");
        }
    }

    @Test
    void theDeveloperTierLeavesTheLanguageWhole() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
            logInTheWizard(wiz);
            wiz.say("java var xs = List.of(3, 1, 2); xs.stream().sorted().map(x -> x * 10).toList()", "==> [10, 20, 30]");
            wiz.say("java record Pt(int x, int y) { int sum() { return x + y; } }", "created record Pt");
            wiz.say("java new Pt(1, 2)", "==> Pt[x=1, y=2]");
            wiz.say("java Object o = 42; switch (o) { case Integer i when i > 40 -> \"big \" + i; default -> \"small\"; }",
                    "==> \"big 42\"");
            wiz.say("java enum Color { RED, GREEN }", "created enum Color");
            wiz.say("java Color c = Color.GREEN; switch (c) { case RED -> 1; case GREEN -> 2; }", "==> 2");
            wiz.say("java \"a1b22c\".replaceAll(\"[0-9]+\", \"#\")", "==> \"a#b#c\"");
            wiz.say("java \"a,b,,c\".split(\",\").length", "==> 4");
            wiz.say("java new java.math.BigDecimal(\"1.10\").add(new java.math.BigDecimal(\"2.205\"))", "==> 3.305");
            wiz.say("java java.math.BigInteger.TWO.pow(100)", "==> 1267650600228229401496703205376");
            wiz.say("java Duration.ofMinutes(90).toHours()", "==> 1");
            wiz.say("java String.format(\"%5.2f|%s\", Math.PI, \"x\")", "==> \" 3.14|x\"");
            wiz.say("java IntStream.rangeClosed(1, 5).sum()", "==> 15");
            wiz.say("java new java.util.concurrent.atomic.AtomicInteger(5).incrementAndGet()", "==> 6");
            wiz.say("java Function<Integer, Integer> twice = x -> 2 * x; twice.andThen(x -> x + 1).apply(20)", "==> 41");
            wiz.say("java var m = new TreeMap<String, Integer>(); m.put(\"b\", 2); m.put(\"a\", 1); m", "==> {\"a\"=1, \"b\"=2}");
            wiz.say("java try { Integer.parseInt(\"x\"); } catch (NumberFormatException e) { System.out.println(\"caught \" + e.getMessage()); }",
                    "caught For input string: \"x\"");
            wiz.say("java self.getClass().getSimpleName()", "==> \"GameObject\"");
            wiz.say("java new StringBuilder(\"ab\").reverse().append(42).toString()", "==> \"ba42\"");
            wiz.say("java \"ab\".repeat(2)", "==> \"abab\"");
            assertThat(wiz.say("java assert 2 > 1 : \"math\"; 7", "==> 7")).doesNotContain("Rejected");
            wiz.say("java class BI extends java.math.BigInteger { BI(String s) { super(s); } } new BI(\"12\")", "==> 12  (BI)");
            // A refused class declaration leaves later expressions' types as they were.
            wiz.say("java class T extends Thread { }", "Rejected: java.lang.Thread is never allowed in snippets");
            wiz.say("java new java.math.BigDecimal(\"1.25\").setScale(1, java.math.RoundingMode.HALF_UP)",
                    "==> 1.3  (java.math.BigDecimal)");
            wiz.say("java Optional.ofNullable(null).map(Object::toString).orElse(\"none\")", "==> \"none\"");
            String inspected = wiz.say("java inspect(here)", "key = \"Limbo\"");
            assertThat(inspected).contains("GameObject (dev.cantrip.world.GameObject)");
            wiz.say("java", "java> ");
            wiz.say("String block = \"\"\"", "...> ");
            wiz.say("  text block", "...> ");
            wiz.say("  \"\"\";", "block ==> \"text block\\n\"");
            wiz.say("/budget", "Tier developer: each evaluation may use 2 s of CPU time and 5 s in all");
            wiz.say("/exit", "Left the Java console");
        }
    }

    @Test
    void aRunStuckInsideTheJdkIsGivenUpAndItsOwnerWaitsForIt() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort);
             TelnetTestClient pat = new TelnetTestClient(server.telnetPort)) {
            logInTheWizard(wiz);
            createPat(pat);
            // A kilobyte of shared lists whose hashCode() is 2^40 calls, all inside the JDK: called by
            // HashSet.add, where no stand-in can reach it (a direct l.hashCode() is worked out in 40 steps).
            wiz.send("java List<Object> l = List.of(\"x\"); for (int i = 0; i < 40; i++) l = List.of(l, l);"
                    + " new HashSet<Object>().add(l)");
            // 5 s of wall time, then the give-up: later than that on a loaded machine.
            wiz.expect("Stopped: it was still running inside the JDK after 5 s, where it cannot be stopped;"
                    + " the game went on without it", java.time.Duration.ofSeconds(60));
            pat.say("look", "Limbo");
            wiz.say("java 1 + 1", "Your last snippet is still running inside the JDK, where it cannot be stopped;"
                    + " java is paused for you until it ends.");
            wiz.say("look", "Limbo");
        }
    }

    @Test
    void aBuilderGetsTheSmallerTierAndItsTighterBudget() throws Exception {
        Files.createDirectories(data);
        Files.writeString(data.resolve("cantrip.properties"), "java.min-role = builder\n");
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort)) {
            logInTheWizard(wiz);
            try (TelnetTestClient bea = new TelnetTestClient(server.telnetPort)) {
                bea.expect("Welcome to Cantrip");
                bea.say("create Bea bea-password", "Welcome, Bea!");
                bea.say("java 1 + 1", "Huh?"); // a Player, below the configured minimum
            }
            wiz.say("@perm Bea = builder", "Bea is now a Builder.");
            try (TelnetTestClient bea = new TelnetTestClient(server.telnetPort)) {
                bea.expect("Welcome to Cantrip");
                bea.say("connect Bea bea-password", "Welcome, Bea! (Builder)");
                bea.say("java /budget", "Tier builder: each evaluation may use 500 ms of CPU time and 2 s in all,"
                        + " allocate 32 MiB, print 64 KiB, and nest calls 200 deep.");
                bea.say("java \"abc\".toUpperCase() + List.of(1, 2).size()", "==> \"ABC2\"");
                bea.say("java self.key()", "==> \"Bea\"");
                bea.say("java java.time.LocalDate.of(2026, 1, 1)",
                        "Rejected: java.time.LocalDate is not allowed in the builder tier");
                bea.send("java while (true) { }");
                bea.expectEither("of CPU time (its budget is 0.5 s)", "Stopped: it ran longer than 2 s"); // on a loaded machine
                String big = bea.say("java new long[8 << 20].length", "allocation budget used");
                assertThat(big).contains("Stopped: it asked for 64.0 MiB at once with", "of its 32.0 MiB");
                bea.say("java System.exit(0);", "Rejected: java.lang.System.exit(int) is never allowed in snippets");
                bea.say("look", "Limbo");
            }
            wiz.say("java java.time.LocalDate.of(2026, 1, 1)", "==> 2026-01-01"); // the developer tier's
        }
    }

    private static void logInTheWizard(TelnetTestClient wiz) throws IOException {
        wiz.expect("Welcome to Cantrip");
        wiz.say("connect Wizard wizard-password", "Welcome, Wizard! (Developer)");
    }

    private static void createPat(TelnetTestClient pat) throws IOException {
        pat.expect("Welcome to Cantrip");
        pat.say("create Pat pat-password", "Welcome, Pat!");
    }

    /** User plus system CPU time of each thread of a process, in clock ticks, by "tid name" (Linux /proc). */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException gone) {
                    // the thread ended between listing and reading
                }
            }
        }
        return ticks;
    }

    private static String busiest(Map<String, Long> before, Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList().toString();
    }
}
