package dev.cantrip.repl;

/** Lets a test snippet hand a value back to the test. */
public final class Handoff {
    public static volatile Object value;

    private Handoff() {}
}
