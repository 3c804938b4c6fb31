package dev.cantrip.repl;

/**
 * Sees every class a session's snippets define, before it is loaded: may refuse it or return
 * rewritten bytes. This is where a sandbox verifies and instruments snippet code. The engine's own
 * rewriting (output capture, stop checks) is applied after the gate, to the bytes it returns.
 */
@FunctionalInterface
public interface ClassGate {

    /**
     * @param className the binary name ({@code REPL.$JShell$12})
     * @param classFile the class file as javac wrote it
     * @param lookup finds the classes it refers to (those loaded with it as class files)
     * @return the class file to load (the same array when nothing changes)
     * @throws ClassRejectedException to refuse the class; its message is shown to the user
     */
    byte[] admit(String className, byte[] classFile, ClassLookup lookup) throws ClassRejectedException;

    /** Lets every class through unchanged. */
    static ClassGate open() {
        return (name, bytes, lookup) -> bytes;
    }
}
