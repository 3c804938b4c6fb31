package dev.cantrip.repl;

import java.util.Optional;

/**
 * Finds the snippet code nearest the top of the calling thread's stack and reads one of its
 * instance's bindings ({@link ReplEngine#bindingOfCaller}). The stack is the proof of who calls:
 * snippet code cannot make a frame of another session's class appear on its own thread.
 */
final class CallerBinding {

    // Host frames between the host function and its snippet caller are few (the function itself,
    // a JDK stream or two when a snippet passes the function on); beyond this the answer is "none".
    private static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private CallerBinding() {
    }

    static <T> T find(String name, Class<T> type) {
        Optional<CodeOwner> owner = WALKER.walk(frames -> frames.limit(MAX_FRAMES)
                .map(f -> SnippetLoader.ownerOfClass(f.getDeclaringClass()))
                .filter(o -> o != null)
                .findFirst());
        if (owner.isEmpty()) {
            throw new IllegalStateException("this is for snippet code: no snippet called it");
        }
        Object value = owner.get().bindings().value(name);
        if (!type.isInstance(value)) {
            throw new IllegalStateException("the calling snippet's session has no " + name + " ("
                    + type.getSimpleName() + ")");
        }
        return type.cast(value);
    }
}
