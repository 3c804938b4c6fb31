package dev.cantrip.repl;

import java.util.List;
import java.util.Objects;

/**
 * How one snippet ended. Every snippet of an evaluation ends as exactly one of these; see
 * {@link OutcomeText} for the standard way to show them.
 */
public sealed interface SnippetOutcome {

    /** The snippet's source, as evaluated. */
    String source();

    /** An expression produced a value. The value is rendered within the engine's size limits. */
    record Value(String source, String value, String type) implements SnippetOutcome {
        public Value {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A declaration was made or replaced: a variable (with its value when it has an initializer),
     * a method, a type or an import.
     *
     * @param value the rendered value of a variable with an initializer, else null
     * @param unresolved names it needs that do not exist yet (it can be used once they do)
     * @param updates other declarations whose usability this one changed
     */
    record Declared(String source, Declaration declaration, Action action, String value, List<String> unresolved,
                    List<Update> updates) implements SnippetOutcome {
        public Declared {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(declaration, "declaration");
            Objects.requireNonNull(action, "action");
            unresolved = List.copyOf(unresolved);
            updates = List.copyOf(updates);
        }
    }

    /** A statement ran and has no value to show. */
    record Ran(String source) implements SnippetOutcome {
        public Ran {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The snippet did not compile (or used a declaration that cannot be used yet). */
    record Diagnosed(String source, List<Diagnostic> diagnostics) implements SnippetOutcome {
        public Diagnosed {
            Objects.requireNonNull(source, "source");
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** The snippet threw; the stack trace is trimmed to the frames that matter. */
    record Thrown(String source, Failure failure) implements SnippetOutcome {
        public Thrown {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The engine's class gate refused the snippet's code; nothing of it remains defined. */
    record Rejected(String source, String reason) implements SnippetOutcome {
        public Rejected {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The snippet was stopped while running (for example for running too long). */
    record Stopped(String source, String reason) implements SnippetOutcome {
        public Stopped {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Another declaration that became usable, or stopped being usable, because of a snippet.
     *
     * @param missing when not usable, the names it waits for (empty: it has errors of its own)
     */
    record Update(Declaration declaration, boolean usable, List<String> missing) {
        public Update {
            Objects.requireNonNull(declaration, "declaration");
            missing = List.copyOf(missing);
        }
    }

    /** Whether a declaration is new or takes the place of one of the same name. */
    enum Action { CREATED, REPLACED }

    /**
     * What was declared.
     *
     * @param kind variable, method, class, ...
     * @param name the simple name ({@code greet})
     * @param signature how the declaration is shown: a method's name with its parameter types
     *     ({@code greet(GameObject)}), a variable's name, a type's name, an import's text
     * @param type a variable's type, else null
     */
    record Declaration(SnippetInfo.Kind kind, String name, String signature, String type) {
        public Declaration {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(signature, "signature");
        }
    }

    /**
     * A compiler message placed in the snippet.
     *
     * @param message the compiler's message
     * @param line 1-based line of the snippet, or 0 when the message has no position
     * @param column 1-based column on that line
     * @param length how many characters of the line the problem spans (at least 1)
     * @param lineText the text of that line
     */
    record Diagnostic(String message, int line, int column, int length, String lineText) {
        public Diagnostic {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(lineText, "lineText");
        }

        /** A message that belongs to no position. */
        public static Diagnostic unplaced(String message) {
            return new Diagnostic(message, 0, 0, 0, "");
        }
    }

    /**
     * An exception as the snippet saw it.
     *
     * @param type the exception's class name
     * @param message its message, or null
     * @param frames the frames kept: the snippet's own ({@code fileName} "#12" is snippet 12, line
     *     numbers are the snippet's) and the host frames that matter
     * @param omitted how many frames were left out
     * @param cause the cause, or null
     */
    record Failure(String type, String message, List<StackTraceElement> frames, int omitted, Failure cause) {
        public Failure {
            Objects.requireNonNull(type, "type");
            frames = List.copyOf(frames);
        }
    }
}
