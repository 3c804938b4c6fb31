package dev.cantrip.repl;

import java.util.Optional;

/**
 * Finds the classes a snippet class refers to, as they will be when it runs: for a {@link ClassGate}
 * that checks members through the class hierarchy. Classes loaded together (a snippet and the
 * classes it declares) are not loaded yet while the gate looks at them: they are given as class
 * files.
 */
public interface ClassLookup {

    /** The class file of a class being loaded in the same batch, if {@code binaryName} is one. */
    Optional<byte[]> pending(String binaryName);

    /**
     * A class as snippet code will see it (JDK, host, or a snippet class loaded earlier), without
     * initializing it; empty if there is none.
     */
    Optional<Class<?>> loaded(String binaryName);

    /** Finds {@code pending} classes by name, and others through {@code loader} (not initialized). */
    static ClassLookup of(java.util.Map<String, byte[]> pending, ClassLoader loader) {
        java.util.Objects.requireNonNull(pending, "pending");
        java.util.Objects.requireNonNull(loader, "loader");
        return new ClassLookup() {
            @Override
            public Optional<byte[]> pending(String binaryName) {
                return Optional.ofNullable(pending.get(binaryName));
            }

            @Override
            public Optional<Class<?>> loaded(String binaryName) {
                try {
                    return Optional.of(Class.forName(binaryName, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    return Optional.empty();
                }
            }
        };
    }
}
