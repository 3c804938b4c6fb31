package dev.cantrip.repl;

import java.util.Objects;

/**
 * One snippet a session holds, for listings such as {@code /list} and {@code /methods}.
 *
 * @param id the snippet's id, as shown in stack traces ({@code #12})
 * @param kind what it is
 * @param name its name (a method's or variable's name, a type's name, an import's text)
 * @param signature how it is shown in a listing ({@code greet(GameObject)}, {@code int count})
 * @param source its source
 */
public record SnippetInfo(String id, Kind kind, String name, String signature, String source) {

    public SnippetInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(source, "source");
    }

    /** The kinds of snippet. */
    public enum Kind {
        VARIABLE("variable"), METHOD("method"), CLASS("class"), INTERFACE("interface"), ENUM("enum"),
        RECORD("record"), ANNOTATION("annotation"), IMPORT("import"), EXPRESSION("expression"),
        STATEMENT("statement");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word used in messages ("created method ..."). */
        public String word() {
            return word;
        }

        /** Whether this kind declares a type. */
        public boolean isType() {
            return this == CLASS || this == INTERFACE || this == ENUM || this == RECORD || this == ANNOTATION;
        }
    }
}
