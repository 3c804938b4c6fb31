package dev.cantrip.repl;

/** Whether typed input is ready to evaluate, for a console deciding to prompt for more. */
public enum Completeness {
    /** Nothing but white space and comments. */
    EMPTY,
    /** One or more whole snippets (or input that cannot become valid by typing more). */
    COMPLETE,
    /** Unfinished: an open brace, an unterminated method, a dangling operator. */
    INCOMPLETE
}
