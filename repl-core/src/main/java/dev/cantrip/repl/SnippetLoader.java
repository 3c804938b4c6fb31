package dev.cantrip.repl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

/**
 * Loads one instance's snippet classes: each passes the host's {@link ClassGate}, then the
 * engine's {@link SnippetRewriter}, then is defined in the instance's own class loader, whose parent
 * is the host's loader, so snippets see host classes (and live host objects) as they are.
 *
 * <p>A refused class is recorded for the engine to report: JShell itself swallows load failures.
 */
final class SnippetLoader implements LoaderDelegate {

    private final Loader loader;
    private final ClassGate gate;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    // What the current evaluation loaded and had refused; guarded by this.
    private final List<Class<?>> loadedNow = new ArrayList<>();
    private final List<String> refusedNow = new ArrayList<>();

    SnippetLoader(ClassLoader parent, ClassGate gate) {
        this.loader = new Loader(parent);
        this.gate = gate;
    }

    /** Defines a class made by the engine itself (not passed through the gate). */
    Class<?> defineEngineClass(String name, byte[] bytes) {
        return loader.define(name, bytes);
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        boolean[] installed = new boolean[cbcs.length];
        Map<String, byte[]> admitted = new HashMap<>();
        for (ClassBytecodes cbc : cbcs) {
            try {
                admitted.put(cbc.name(), SnippetRewriter.rewrite(gate.admit(cbc.name(), cbc.bytecodes())));
            } catch (ClassRejectedException e) {
                synchronized (this) {
                    refusedNow.add(e.getMessage());
                }
                throw new ClassInstallException("refused: " + e.getMessage(), installed);
            } catch (RuntimeException e) {
                synchronized (this) {
                    refusedNow.add("the code could not be prepared to run (" + e + ")");
                }
                throw new ClassInstallException("rewrite failed: " + e, installed);
            }
        }
        admitted.forEach(loader::declare);
        try {
            for (int i = 0; i < cbcs.length; i++) {
                Class<?> c = loader.loadClass(cbcs[i].name());
                c.getDeclaredMethods(); // links it now, so bad bytecode fails here and not mid-run
                classes.put(cbcs[i].name(), c);
                synchronized (this) {
                    loadedNow.add(c);
                }
                installed[i] = true;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            synchronized (this) {
                refusedNow.add("the class could not be loaded (" + e + ")");
            }
            throw new ClassInstallException("load failed: " + e, installed);
        }
    }

    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
        // Redefinition is not supported by this engine; JShell then loads new classes instead.
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        // Host classes come from the parent loader; the compiler's class path is JShell's own.
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> c = classes.get(name);
        if (c == null) {
            throw new ClassNotFoundException(name + " was not loaded by this instance");
        }
        return c;
    }

    /** Starts recording what an evaluation loads and has refused. */
    synchronized void beginRecording() {
        loadedNow.clear();
        refusedNow.clear();
    }

    synchronized List<Class<?>> loadedSinceBegin() {
        return List.copyOf(loadedNow);
    }

    synchronized List<String> refusedSinceBegin() {
        return List.copyOf(refusedNow);
    }

    /** Forgets every class, so that the loader can be collected once snippets are unreachable. */
    void clear() {
        classes.clear();
        loader.clear();
    }

    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

        static {
            registerAsParallelCapable();
        }

        Loader(ClassLoader parent) {
            super("cantrip-snippets", parent);
        }

        void declare(String name, byte[] bytes) {
            declared.put(name, bytes);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = declared.remove(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }

        void clear() {
            declared.clear();
        }
    }
}
