package dev.cantrip.repl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The standard text for outcomes, shared by every front end (telnet, web, a terminal console), so
 * that a value, an error or a stop reads the same everywhere:
 *
 * <pre>
 * ==> 2                                    an expression's value
 * ==> Limbo(#1)  (GameObject)              with its type when the value does not show it
 * a ==> 2                                  a variable with an initializer
 * created method greet(GameObject)         a declaration (or "replaced ...")
 * Error: cannot find symbol                a compile error, with the line and a caret under it
 * java.lang.ArithmeticException: / by zero  an exception, with the snippet's frames
 * Stopped: it ran longer than 5 s          a run that was stopped
 * Rejected: ...                            code the engine's gate refused
 * </pre>
 */
public final class OutcomeText {

    private static final Set<String> SELF_EVIDENT_TYPES = Set.of("int", "long", "double", "float", "short", "byte",
            "char", "boolean", "String", "java.lang.String", "Integer", "Long", "Double", "Boolean");

    private OutcomeText() {}

    /** The lines that show {@code outcome}; none for a statement or an import. */
    public static List<String> lines(SnippetOutcome outcome) {
        List<String> out = new ArrayList<>();
        switch (outcome) {
            case SnippetOutcome.Value v -> out.add("==> " + v.value() + typeNote(v.type()));
            case SnippetOutcome.Declared d -> declared(d, out);
            case SnippetOutcome.Ran r -> { }
            case SnippetOutcome.Diagnosed d -> d.diagnostics().forEach(x -> diagnostic(x, out));
            case SnippetOutcome.Thrown t -> failure(t.failure(), out, "");
            case SnippetOutcome.Rejected r -> out.add("Rejected: " + r.reason());
            case SnippetOutcome.Stopped s -> out.add("Stopped: " + s.reason());
        }
        return out;
    }

    /** "compile 12.3 ms, run 0.4 ms". */
    public static String timing(Evaluation e) {
        return "compile " + millis(e.compileTime()) + ", run " + millis(e.runTime());
    }

    private static void declared(SnippetOutcome.Declared d, List<String> out) {
        SnippetOutcome.Declaration what = d.declaration();
        if (what.kind() == SnippetInfo.Kind.IMPORT) {
            return;
        }
        if (what.kind() == SnippetInfo.Kind.VARIABLE && d.value() != null) {
            out.add(what.name() + " ==> " + d.value() + typeNote(what.type()));
        } else {
            String verb = d.action() == SnippetOutcome.Action.REPLACED ? "replaced " : "created ";
            String shown = what.kind() == SnippetInfo.Kind.VARIABLE ? what.name() + typeNote(what.type())
                    : what.signature();
            out.add(verb + what.kind().word() + " " + shown);
        }
        if (!d.unresolved().isEmpty()) {
            out.add("  (it cannot be used until " + String.join(", ", d.unresolved())
                    + (d.unresolved().size() == 1 ? " is" : " are") + " declared)");
        }
        for (SnippetOutcome.Update u : d.updates()) {
            String other = u.declaration().kind().word() + " " + u.declaration().signature();
            out.add("  update: " + other + (u.usable() ? " can now be used"
                    : " cannot be used until " + (u.missing().isEmpty() ? "its errors are fixed"
                            : String.join(", ", u.missing()) + (u.missing().size() == 1 ? " is" : " are") + " declared")));
        }
    }

    private static void diagnostic(SnippetOutcome.Diagnostic d, List<String> out) {
        List<String> message = d.message().lines().toList();
        String first = message.isEmpty() ? "" : message.getFirst();
        out.add((d.line() > 1 ? "Error (line " + d.line() + "): " : "Error: ") + first);
        message.stream().skip(1).forEach(m -> out.add("  " + m.strip()));
        if (d.line() > 0) {
            out.add("  " + d.lineText());
            int width = Math.min(d.length(), Math.max(1, d.lineText().length() - d.column() + 1));
            out.add("  " + " ".repeat(Math.max(0, d.column() - 1)) + (width <= 1 ? "^" : "^" + "-".repeat(width - 2) + "^"));
        }
    }

    private static void failure(SnippetOutcome.Failure f, List<String> out, String prefix) {
        // The full name, as Java prints it: "java.lang.Error: x" must not read like a compile "Error:".
        out.add(prefix + f.type() + (f.message() == null ? "" : ": " + f.message()));
        for (StackTraceElement e : f.frames()) {
            out.add("    at " + frame(e));
        }
        if (f.omitted() > 0) {
            out.add("    ... " + f.omitted() + " more frame" + (f.omitted() == 1 ? "" : "s"));
        }
        if (f.cause() != null) {
            failure(f.cause(), out, "Caused by: ");
        }
    }

    private static String frame(StackTraceElement e) {
        String file = e.getFileName();
        String place = file == null ? "unknown source"
                : e.getLineNumber() >= 0 ? file + ":" + e.getLineNumber() : file;
        if (file != null && file.startsWith("#")) {
            String where = (e.getClassName().isEmpty() ? "" : e.getClassName() + ".") + e.getMethodName();
            return (where.isEmpty() || where.equals(".") ? "" : where + " ") + "(" + place + ")";
        }
        return e.getClassName() + "." + e.getMethodName() + "(" + place + ")";
    }

    private static String typeNote(String type) {
        return type == null || SELF_EVIDENT_TYPES.contains(type) ? "" : "  (" + type + ")";
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
