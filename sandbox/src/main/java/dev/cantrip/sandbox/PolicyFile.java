package dev.cantrip.sandbox;

import dev.cantrip.repl.RunBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a policy file: one directive per line, {@code #} starts a comment.
 * <pre>
 * allow TARGET            tier files: snippets may use it
 * deny TARGET             tier files: they may not
 * budget NAME VALUE       tier files: cpu 2s | wall 5s | allocated 256MiB | output 1MiB | call-depth 1000
 *                         | async-cpu 30s | async-wall 60s (background work: runAsync)
 *                         | compile 10s (CPU time javac may take for one input)
 *                         | retained 256MiB (what a session may keep between evaluations)
 * never TARGET            base.policy: no tier may use it
 * engine TARGET           base.policy: JShell's own generated code uses it
 * bootstrap CLASS#METHOD  base.policy: a bootstrap method javac's code may use
 * </pre>
 * A TARGET is a package ({@code java.util.*}), a package with its subpackages
 * ({@code java.util.**}), a class ({@code java.lang.String}, nested ones with {@code $}), every member
 * of a class ({@code java.lang.String#*}), a member by name ({@code java.lang.System#exit}) or with
 * its parameter types ({@code java.math.BigInteger#<init>(int,java.util.Random)}).
 */
final class PolicyFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB)");
    private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s)");

    /** What one file said. */
    /**
     * @param asyncCpu the CPU budget of background work ({@code runAsync}), or null: the same as {@code budget}'s
     * @param asyncWall the wall-time budget of background work, or null: the same as {@code budget}'s
     * @param compileCpu the CPU time compiling one input may take, or null: not given
     * @param retained what a session may keep between evaluations, in bytes, or null: not given
     */
    record Contents(List<Policy.Rule> rules, Set<String> bootstraps, RunBudget budget, List<String> bootstrapSources,
                    Duration asyncCpu, Duration asyncWall, Duration compileCpu, Long retained) {}

    private PolicyFile() {}

    /**
     * @param source where the text came from, for messages ("developer.policy")
     * @param defaults the budget before the file's {@code budget} lines
     * @throws IllegalArgumentException naming the file, line and what is wrong
     */
    static Contents parse(String source, String text, RunBudget defaults) {
        List<Policy.Rule> rules = new ArrayList<>();
        Set<String> bootstraps = new HashSet<>();
        List<String> bootstrapSources = new ArrayList<>();
        RunBudget budget = defaults;
        Duration asyncCpu = null;
        Duration asyncWall = null;
        Duration compileCpu = null;
        Long retained = null;
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            String where = source + ":" + lineNo;
            try {
                switch (words[0]) {
                    case "allow", "deny", "never", "engine" -> {
                        expect(words, 2, "a target");
                        Policy.Effect effect = Policy.Effect.valueOf(words[0].toUpperCase(Locale.ROOT));
                        rules.add(new Policy.Rule(effect, target(words[1]), where));
                    }
                    case "bootstrap" -> {
                        expect(words, 2, "CLASS#METHOD");
                        String t = words[1];
                        int hash = t.indexOf('#');
                        if (hash < 1 || !NAME.matcher(t.substring(0, hash)).matches()
                                || !NAME.matcher(t.substring(hash + 1)).matches()) {
                            throw new IllegalArgumentException("a bootstrap is CLASS#METHOD, not " + t);
                        }
                        bootstraps.add(t);
                        bootstrapSources.add(where);
                    }
                    case "budget" -> {
                        expect(words, 3, "a name and a value");
                        switch (words[1]) {
                            case "async-cpu" -> asyncCpu = time(words[2]);
                            case "async-wall" -> asyncWall = time(words[2]);
                            case "compile" -> compileCpu = positive("compile", time(words[2]));
                            case "retained" -> retained = size(words[2]);
                            default -> budget = budget(budget, words[1], words[2]);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown directive '" + words[0]
                            + "' (expected allow, deny, budget, never, engine or bootstrap)");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new Contents(List.copyOf(rules), Set.copyOf(bootstraps), budget, List.copyOf(bootstrapSources),
                asyncCpu, asyncWall, compileCpu, retained);
    }

    /** A '#' starts a comment at the start of a line or after a space; in CLASS#MEMBER it does not. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static void expect(String[] words, int n, String what) {
        if (words.length != n) {
            throw new IllegalArgumentException("'" + words[0] + "' takes " + what + ", got " + (words.length - 1)
                    + " word(s)");
        }
    }

    /** Checks a target's shape and turns member parameter types into descriptor form. */
    static String target(String t) {
        if (t.endsWith(".**") || t.endsWith(".*")) {
            String pkg = t.substring(0, t.lastIndexOf('.'));
            if (!NAME.matcher(pkg).matches()) {
                throw new IllegalArgumentException("not a package: " + pkg);
            }
            return t;
        }
        int hash = t.indexOf('#');
        if (hash < 0) {
            if (!NAME.matcher(t).matches()) {
                throw new IllegalArgumentException("not a class name: " + t);
            }
            return t;
        }
        String cls = t.substring(0, hash);
        String member = t.substring(hash + 1);
        if (!NAME.matcher(cls).matches()) {
            throw new IllegalArgumentException("not a class name: " + cls);
        }
        if (member.equals("*")) {
            return t;
        }
        int open = member.indexOf('(');
        String name = open < 0 ? member : member.substring(0, open);
        if (!name.equals("<init>") && !NAME.matcher(name).matches() || name.contains(".")) {
            throw new IllegalArgumentException("not a member name: " + name);
        }
        if (open < 0) {
            return t;
        }
        if (!member.endsWith(")")) {
            throw new IllegalArgumentException("parameter types must end with ')': " + member);
        }
        String params = member.substring(open + 1, member.length() - 1).strip();
        StringBuilder desc = new StringBuilder("(");
        if (!params.isEmpty()) {
            for (String p : params.split(",")) {
                desc.append(descriptor(p.strip()));
            }
        }
        return cls + "#" + name + desc.append(')');
    }

    private static String descriptor(String type) {
        if (type.endsWith("[]")) {
            return "[" + descriptor(type.substring(0, type.length() - 2).strip());
        }
        return switch (type) {
            case "boolean" -> "Z";
            case "byte" -> "B";
            case "char" -> "C";
            case "short" -> "S";
            case "int" -> "I";
            case "long" -> "J";
            case "float" -> "F";
            case "double" -> "D";
            default -> {
                if (!NAME.matcher(type).matches()) {
                    throw new IllegalArgumentException("not a type: " + type);
                }
                yield "L" + type.replace('.', '/') + ";";
            }
        };
    }

    private static RunBudget budget(RunBudget b, String name, String value) {
        return switch (name) {
            case "cpu" -> b.withCpu(time(value));
            case "wall" -> b.withWall(time(value));
            case "allocated" -> b.withAllocatedBytes(size(value));
            case "output" -> b.withOutputBytes(size(value));
            case "call-depth" -> {
                try {
                    yield b.withCallDepth(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("call-depth is a whole number, not " + value);
                }
            }
            default -> throw new IllegalArgumentException("unknown budget '" + name
                    + "' (expected cpu, wall, allocated, output, call-depth, async-cpu, async-wall, compile or retained)");
        };
    }

    private static Duration positive(String name, Duration d) {
        if (!d.isPositive()) {
            throw new IllegalArgumentException(name + " must be more than 0");
        }
        return d;
    }

    private static Duration time(String v) {
        Matcher m = TIME.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("a time is a number with ms or s (500ms, 2s), not " + v);
        }
        try {
            long n = Long.parseLong(m.group(1));
            return m.group(2).equals("s") ? Duration.ofSeconds(n) : Duration.ofMillis(n);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("a time of " + v + " is too long");
        }
    }

    private static long size(String v) {
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("a size is a number with B, KiB, MiB or GiB (256MiB), not " + v);
        }
        int shift = switch (m.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            n = -1; // more digits than a long holds
        }
        if (n < 0 || n > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("a size of " + v + " is too large (at most 8 EiB)");
        }
        return n << shift;
    }
}
