package dev.cantrip.repl;

/** A host function snippets call by a static import, finding their own session's {@code self}. */
public final class CallerFunctions {

    private CallerFunctions() {
    }

    public static String whoCalls() {
        return ReplEngine.bindingOfCaller("self", Player.class).name();
    }
}
