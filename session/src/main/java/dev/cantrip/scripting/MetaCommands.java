package dev.cantrip.scripting;

import dev.cantrip.repl.Completions;
import dev.cantrip.repl.Documentation;
import dev.cantrip.repl.SnippetInfo;
import dev.cantrip.repl.Variable;
import dev.cantrip.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The console's own commands ({@code /vars}, {@code /list}, {@code /complete}, ...), typed in
 * console mode or as {@code java /vars}.
 */
final class MetaCommands {

    static final String HELP = """
            Java console commands (in the console, or after "java "):
              /vars              your variables and the bindings, with their values
              /methods           the methods you declared
              /types             the classes, interfaces, enums and records you declared
              /imports           the imports in effect
              /list              everything you declared, with its source
              /drop <name>       forget a declaration (every overload of a method)
              /reset             forget everything and start afresh
              /history           what you evaluated, oldest first
              /complete <code>   what could come next at the end of <code>
              /doc <code>        the signature and documentation of what <code> ends with
              /budget            your sandbox tier and what one evaluation may use
              /cancel            drop an unfinished input (in the console)
              /exit              leave the console (or call exit())
              /help              this list
            Bindings: self and me (your character), here (your location when the code runs),
            account, session; obj(id) and search(name) find objects, inspect(x) shows any object's
            fields. Imported: java.util.*,
            java.util.function.*, java.util.stream.*, java.time.*, GameObject and ObjectKind.""";

    private static final int MAX_CANDIDATES = 60;
    // A package prefix before a type name: "java.util." of "java.util.List".
    private static final Pattern QUALIFIER = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+(?=[A-Z$])");

    private MetaCommands() {}

    /** "Tier developer: 2 s CPU, 5 s wall, ..." */
    static String budget(dev.cantrip.sandbox.Tier tier) {
        dev.cantrip.repl.RunBudget b = tier.budget();
        return String.format(Locale.ROOT, "Tier %s: each evaluation may use %s of CPU time and %s in all, allocate %s,"
                        + " print %s, and nest calls %,d deep. Compiling it may take %s of CPU time.", tier.name(),
                time(b.cpu()), time(b.wall()), size(b.allocatedBytes()), size(b.outputBytes()), b.callDepth(),
                time(tier.compileBudget()));
    }

    private static String time(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    /** Whether a line is a console command rather than Java ("/vars"; "//" starts a Java comment). */
    static boolean isMeta(String line) {
        String t = line.strip();
        return t.length() >= 2 && t.charAt(0) == '/' && Character.isLetter(t.charAt(1));
    }

    /** Runs a console command for {@code s}; {@code after} runs on the loop once its output is out. */
    static void run(JavaService java, Session s, String line, Runnable after) {
        String t = line.strip();
        int space = t.indexOf(' ');
        String name = (space < 0 ? t : t.substring(0, space)).toLowerCase(Locale.ROOT);
        String arg = space < 0 ? "" : t.substring(space + 1).strip();
        switch (name) {
            case "/budget" -> {
                s.send(budget(java.tierOf(s)));
                after.run();
            }
            case "/help" -> {
                s.send(HELP);
                after.run();
            }
            case "/vars" -> java.with(s, r -> r.variables(java.runner(s)), vars -> s.send(vars(vars)), after);
            case "/methods" -> java.with(s, r -> r.snippets(), l -> s.send(listing(l,
                    i -> i.kind() == SnippetInfo.Kind.METHOD, "any methods", i -> "  " + i.signature())), after);
            case "/types" -> java.with(s, r -> r.snippets(), l -> s.send(listing(l,
                    i -> i.kind().isType(), "any types", i -> "  " + i.kind().word() + " " + i.name())), after);
            case "/imports" -> java.with(s, r -> r.imports(), l -> s.send(String.join("\n", l)), after);
            case "/list" -> java.with(s, r -> r.snippets(), l -> s.send(listing(l, i -> true, "anything",
                    i -> indent("#" + i.id() + ": ", i.source()))), after);
            case "/history" -> {
                JavaService.State st = java.state(s);
                if (st == null) {
                    after.run();
                    return;
                }
                List<String> h = st.repl.history();
                StringBuilder b = new StringBuilder(h.isEmpty() ? "Nothing evaluated yet." : "");
                for (int i = 0; i < h.size(); i++) {
                    b.append(i == 0 ? "" : "\n").append(indent(String.format("%3d  ", i + 1), h.get(i)));
                }
                s.send(b.toString());
                after.run();
            }
            case "/drop" -> {
                if (arg.isEmpty()) {
                    s.send("Usage: /drop <name>  (see /list for names)");
                    after.run();
                    return;
                }
                java.with(s, r -> r.drop(arg), dropped -> s.send(dropped.isEmpty()
                        ? "You have nothing named '" + arg + "' to drop. /list shows what you declared."
                        : String.join("\n", dropped.stream().map(i -> "dropped " + i.kind().word() + " "
                                + i.signature()).toList())), after);
            }
            case "/reset" -> java.with(s, r -> r.reset(), v -> s.send("Your Java state is fresh."), after);
            case "/complete" -> java.with(s, r -> r.complete(arg, arg.length()), c -> s.send(completions(arg, c)),
                    after);
            case "/doc" -> java.with(s, r -> r.documentation(arg, arg.length()), d -> s.send(docs(arg, d)), after);
            case "/cancel" -> {
                s.send("Nothing to cancel: unfinished input is kept only in the console.");
                after.run();
            }
            default -> {
                s.send("There is no console command " + name + ". Type /help for the list.");
                after.run();
            }
        }
    }

    private static String vars(List<Variable> vars) {
        List<String> out = new ArrayList<>();
        for (Variable v : vars) {
            out.add("  " + simpleNames(v.type()) + " " + v.name() + " = " + v.value()
                    + (v.binding() ? "   (binding)" : ""));
        }
        return String.join("\n", out);
    }

    /** {@code java.util.List<dev.cantrip.world.GameObject>} as {@code List<GameObject>}, for reading. */
    static String simpleNames(String type) {
        return QUALIFIER.matcher(type).replaceAll("");
    }

    private static String listing(List<SnippetInfo> all, Predicate<SnippetInfo> which, String what,
                                  java.util.function.Function<SnippetInfo, String> line) {
        List<String> out = all.stream().filter(which).map(line).toList();
        return out.isEmpty() ? "You have not declared " + what + " yet." : String.join("\n", out);
    }

    private static String completions(String code, Completions c) {
        if (c.candidates().isEmpty()) {
            return "No completions for '" + code + "'.";
        }
        String before = code.substring(0, Math.min(c.anchor(), code.length()));
        List<String> shown = c.candidates().stream().limit(MAX_CANDIDATES).map(x -> before + x.text()).toList();
        String more = c.candidates().size() > MAX_CANDIDATES
                ? "\n... " + (c.candidates().size() - MAX_CANDIDATES) + " more" : "";
        return String.join("\n", shown) + more;
    }

    private static String docs(String code, List<Documentation> docs) {
        if (docs.isEmpty()) {
            return "No documentation found for '" + code + "'.";
        }
        List<String> out = new ArrayList<>();
        for (Documentation d : docs) {
            out.add(d.signature());
            if (d.javadoc() != null && !d.javadoc().isBlank()) {
                String first = d.javadoc().strip().split("\n\\s*\n", 2)[0];
                out.add(indent("    ", first));
            }
        }
        return String.join("\n", out);
    }

    private static String indent(String first, String text) {
        String pad = " ".repeat(first.length());
        List<String> lines = text.lines().toList();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            b.append(i == 0 ? first : "\n" + pad).append(lines.get(i));
        }
        return b.toString();
    }
}
