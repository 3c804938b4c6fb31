package dev.cantrip.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/** Turns what JShell reports (snippets, diagnostics, exceptions) into the engine's own types. */
final class Outcomes {

    // A class declared in a snippet: JShell nests it in the snippet's wrapper class.
    private static final Pattern SNIPPET_CLASS = Pattern.compile("REPL\\.\\$JShell\\$\\d+\\$(.+)");
    private static final int MAX_FRAMES = 12;
    private static final int MAX_CAUSES = 5;

    private final JShell shell;
    private final List<String> hostPackages;

    Outcomes(JShell shell, List<String> hostPackages) {
        this.shell = shell;
        this.hostPackages = hostPackages;
    }

    /** What a snippet is, or null for kinds that are not listed (erroneous input). */
    static SnippetInfo.Kind kind(Snippet s) {
        return switch (s.subKind()) {
            case CLASS_SUBKIND -> SnippetInfo.Kind.CLASS;
            case INTERFACE_SUBKIND -> SnippetInfo.Kind.INTERFACE;
            case ENUM_SUBKIND -> SnippetInfo.Kind.ENUM;
            case RECORD_SUBKIND -> SnippetInfo.Kind.RECORD;
            case ANNOTATION_TYPE_SUBKIND -> SnippetInfo.Kind.ANNOTATION;
            case METHOD_SUBKIND -> SnippetInfo.Kind.METHOD;
            case VAR_DECLARATION_SUBKIND, VAR_DECLARATION_WITH_INITIALIZER_SUBKIND -> SnippetInfo.Kind.VARIABLE;
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, ASSIGNMENT_SUBKIND, OTHER_EXPRESSION_SUBKIND ->
                    SnippetInfo.Kind.EXPRESSION;
            case STATEMENT_SUBKIND -> SnippetInfo.Kind.STATEMENT;
            case SINGLE_TYPE_IMPORT_SUBKIND, TYPE_IMPORT_ON_DEMAND_SUBKIND, SINGLE_STATIC_IMPORT_SUBKIND,
                 STATIC_IMPORT_ON_DEMAND_SUBKIND, MODULE_IMPORT_SUBKIND -> SnippetInfo.Kind.IMPORT;
            default -> null;
        };
    }

    /** A listing entry for a snippet. */
    SnippetInfo info(Snippet s) {
        SnippetInfo.Kind kind = kind(s);
        if (kind == null) {
            kind = SnippetInfo.Kind.STATEMENT;
        }
        return new SnippetInfo(s.id(), kind, name(s), signature(s), s.source().strip());
    }

    /** The declaration a snippet makes. */
    SnippetOutcome.Declaration declaration(DeclarationSnippet s) {
        SnippetInfo.Kind kind = kind(s);
        String type = s instanceof VarSnippet v ? v.typeName() : null;
        return new SnippetOutcome.Declaration(kind == null ? SnippetInfo.Kind.STATEMENT : kind, s.name(),
                signature(s), type);
    }

    static String name(Snippet s) {
        return switch (s) {
            case DeclarationSnippet d -> d.name();
            case ImportSnippet i -> i.fullname();
            default -> s.source().strip();
        };
    }

    static String signature(Snippet s) {
        return switch (s) {
            case MethodSnippet m -> m.name() + "(" + m.parameterTypes() + ")";
            case VarSnippet v -> v.typeName() + " " + v.name();
            case ImportSnippet i -> (i.isStatic() ? "static " : "") + i.fullname();
            case DeclarationSnippet d -> d.name();
            default -> s.source().strip();
        };
    }

    /** Names a declaration needs that do not exist yet. */
    List<String> unresolved(DeclarationSnippet s) {
        return shell.unresolvedDependencies(s).toList();
    }

    /** The compile errors of a rejected snippet, placed in its source. */
    List<SnippetOutcome.Diagnostic> diagnostics(Snippet s) {
        List<SnippetOutcome.Diagnostic> out = new ArrayList<>();
        String src = s.source();
        shell.diagnostics(s).filter(Diag::isError).forEach(d -> out.add(place(d, src)));
        if (out.isEmpty()) {
            out.add(SnippetOutcome.Diagnostic.unplaced("this is not valid Java here"));
        }
        return out;
    }

    static SnippetOutcome.Diagnostic place(Diag d, String src) {
        String message = d.getMessage(Locale.ROOT);
        long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
        if (pos < 0 || pos > src.length()) {
            return SnippetOutcome.Diagnostic.unplaced(message);
        }
        int p = (int) pos;
        int lineStart = src.lastIndexOf('\n', p - 1) + 1;
        int lineEnd = src.indexOf('\n', p);
        if (lineEnd < 0) {
            lineEnd = src.length();
        }
        int line = 1 + (int) src.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        int start = d.getStartPosition() >= lineStart && d.getStartPosition() <= p ? (int) d.getStartPosition() : p;
        long end = d.getEndPosition();
        int length = end > start ? (int) Math.min(end, lineEnd) - start : 1;
        return new SnippetOutcome.Diagnostic(message, line, start - lineStart + 1, Math.max(1, length),
                src.substring(lineStart, lineEnd).stripTrailing());
    }

    /** An exception thrown by snippet code, its stack trimmed to what matters. */
    SnippetOutcome.Failure failure(JShellException e) {
        return failure(e, hostPackages, 0);
    }

    /**
     * An exception thrown by snippet code outside an evaluation (a callback): JShell's copy of it
     * ({@link jdk.jshell.spi.ExecutionControl.UserException}) or any other throwable.
     */
    static SnippetOutcome.Failure failure(Throwable e, List<String> hostPackages) {
        return failure(e, hostPackages, 0);
    }

    private static SnippetOutcome.Failure failure(Throwable e, List<String> hostPackages, int depth) {
        String type;
        if (e instanceof EvalException ee) {
            type = snippetTypeName(ee.getExceptionClassName());
        } else if (e instanceof jdk.jshell.spi.ExecutionControl.UserException ue) {
            type = snippetTypeName(ue.causeExceptionClass());
        } else if (e instanceof UnresolvedReferenceException) {
            type = "unresolved reference";
        } else {
            type = e.getClass().getName();
        }
        List<StackTraceElement> kept = new ArrayList<>();
        int omitted = 0;
        for (StackTraceElement f : e.getStackTrace()) {
            if (kept.size() < MAX_FRAMES && matters(f, hostPackages)) {
                kept.add(f);
            } else {
                omitted++;
            }
        }
        Throwable cause = e.getCause();
        SnippetOutcome.Failure c = cause != null && cause != e && depth < MAX_CAUSES
                ? failure(cause, hostPackages, depth + 1) : null;
        return new SnippetOutcome.Failure(type, e.getMessage(), kept, omitted, c);
    }

    /** "REPL.$JShell$29$E", a class the user declared, is shown as they wrote it: "E". */
    static String snippetTypeName(String binaryName) {
        Matcher m = SNIPPET_CLASS.matcher(binaryName);
        return m.matches() ? m.group(1).replace('$', '.') : binaryName;
    }

    private static boolean matters(StackTraceElement f, List<String> hostPackages) {
        if (f.getFileName() != null && f.getFileName().startsWith("#")) {
            return true; // the snippet's own frame, as JShell translated it
        }
        if (f.getClassName().startsWith("REPL.")) {
            return true; // a snippet's frame JShell did not translate (a callback's, after its evaluation)
        }
        String cls = f.getClassName();
        return hostPackages.stream().anyMatch(cls::startsWith);
    }

    /** Why a snippet that uses an unusable declaration cannot run. */
    String unresolvedMessage(UnresolvedReferenceException e) {
        DeclarationSnippet d = e.getSnippet();
        List<String> missing = unresolved(d);
        String what = kind(d) == null ? d.name() : kind(d).word() + " " + signature(d);
        return what + " cannot be used until " + (missing.isEmpty()
                ? "its errors are fixed"
                : String.join(", ", missing) + " " + (missing.size() == 1 ? "is" : "are") + " declared");
    }
}
