package dev.cantrip.repl;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.constant.ClassDesc;
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

    private static final System.Logger LOG = System.getLogger(SnippetLoader.class.getName());

    private final Loader loader;
    private final ClassGate gate;
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    // The order in which classes were defined: a declaration made again is a class defined later.
    private final Map<Class<?>, Long> definedAt = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong definitions = new java.util.concurrent.atomic.AtomicLong();
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
        Map<String, byte[]> batch = new HashMap<>();
        for (ClassBytecodes cbc : cbcs) {
            batch.put(cbc.name(), cbc.bytecodes());
        }
        ClassLookup lookup = ClassLookup.of(batch, loader);
        Map<String, byte[]> gated = new HashMap<>();
        for (ClassBytecodes cbc : cbcs) {
            try {
                byte[] admitted = gate.admit(cbc.name(), withoutDeserializer(cbc.bytecodes()), lookup);
                gated.put(cbc.name(), admitted);
                CodeOwner owner = loader.owner;
                if (owner != null && contains(admitted, ALT_METAFACTORY)
                        && LambdaSources.makesSerializableLambdas(ClassFile.of().parse(admitted))) {
                    owner.sources().classFile(cbc.name(), admitted);
                }
            } catch (ClassRejectedException e) {
                refused(e.getMessage());
                throw new ClassInstallException("refused: " + e.getMessage(), installed);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "the class gate failed on " + cbc.name(), e);
                refused("the code could not be checked (an internal error, logged: " + e + ")");
                throw new ClassInstallException("gate failed: " + e, installed);
            }
        }
        SnippetRewriter rewriter = new SnippetRewriter(hierarchy(gated), type -> isThrowable(type, gated));
        Map<String, byte[]> admitted = new HashMap<>();
        for (Map.Entry<String, byte[]> g : gated.entrySet()) {
            try {
                admitted.put(g.getKey(), rewriter.rewrite(g.getValue()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not prepare " + g.getKey() + " to run", e);
                refused("the code could not be prepared to run (an internal error, logged: " + e + ")");
                throw new ClassInstallException("rewrite failed: " + e, installed);
            }
        }
        admitted.forEach(loader::declare);
        // Linked all, then published all: a batch that fails half-way leaves nothing JShell can invoke.
        Class<?>[] linked = new Class<?>[cbcs.length];
        try {
            for (int i = 0; i < cbcs.length; i++) {
                linked[i] = loader.loadClass(cbcs[i].name());
                linked[i].getDeclaredMethods(); // links it now, so bad bytecode fails here and not mid-run
            }
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.log(System.Logger.Level.ERROR, "a snippet class failed to load", e);
            refused("the class could not be loaded (an internal error, logged: " + e + ")");
            throw new ClassInstallException("load failed: " + e, installed);
        }
        for (int i = 0; i < cbcs.length; i++) {
            classes.put(cbcs[i].name(), linked[i]);
            definedAt.put(linked[i], definitions.incrementAndGet());
            synchronized (this) {
                loadedNow.add(linked[i]);
            }
            installed[i] = true;
        }
    }

    /** Finds classes of this batch (not loaded yet), JDK and host classes, and earlier snippet classes. */
    private ClassHierarchyResolver hierarchy(Map<String, byte[]> batch) {
        return ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofResourceParsing(desc -> {
                    String d = desc.descriptorString();
                    byte[] b = batch.get(d.substring(1, d.length() - 1).replace('/', '.'));
                    return b == null ? null : new ByteArrayInputStream(b);
                }))
                .orElse(ClassHierarchyResolver.ofClassLoading(loader));
    }

    /** Walks superclasses through this batch's bytes, then asks the loader. */
    private boolean isThrowable(ClassDesc type, Map<String, byte[]> batch) {
        ClassDesc at = type;
        for (int depth = 0; at != null && depth < 64; depth++) {
            String d = at.descriptorString();
            String name = d.substring(1, d.length() - 1).replace('/', '.');
            byte[] b = batch.get(name);
            if (b == null) {
                try {
                    return Throwable.class.isAssignableFrom(Class.forName(name, false, loader));
                } catch (ClassNotFoundException | LinkageError e) {
                    return false;
                }
            }
            at = ClassFile.of().parse(b).superclass().map(c -> c.asSymbol()).orElse(null);
        }
        return false;
    }

    private synchronized void refused(String reason) {
        refusedNow.add(reason);
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

    /**
     * The class without the {@code $deserializeLambda$} method javac adds for lambdas of
     * serializable types (the host's callback types are): it is reached only by deserialization,
     * which snippets cannot do, and it names {@link java.lang.invoke.SerializedLambda}, which no
     * tier allows. Other classes pass as they are.
     */
    static byte[] withoutDeserializer(byte[] bytes) {
        if (!contains(bytes, DESERIALIZER)) {
            return bytes; // most classes: no need to parse them
        }
        java.lang.classfile.ClassModel model = ClassFile.of().parse(bytes);
        java.util.function.Predicate<java.lang.classfile.ClassElement> deserializer = e ->
                e instanceof java.lang.classfile.MethodModel m && m.methodName().equalsString("$deserializeLambda$")
                        && m.flags().has(java.lang.reflect.AccessFlag.SYNTHETIC);
        if (model.elementStream().noneMatch(deserializer)) {
            return bytes;
        }
        return ClassFile.of().transformClass(model, java.lang.classfile.ClassTransform.dropping(deserializer));
    }

    private static final byte[] DESERIALIZER = "$deserializeLambda$".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] ALT_METAFACTORY = "altMetafactory".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Whether {@code bytes} hold {@code name} (as a constant-pool string would): a cheap test before a parse. */
    private static boolean contains(byte[] bytes, byte[] name) {
        outer:
        for (int i = 0; i <= bytes.length - name.length; i++) {
            for (int k = 0; k < name.length; k++) {
                if (bytes[i + k] != name[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Makes {@code owner} reachable from every class this instance defines ({@link #ownerOf}). */
    void owner(CodeOwner owner) {
        loader.owner = owner;
    }

    /** The instance that defined {@code object}'s class (a snippet object or lambda), or null. */
    static CodeOwner ownerOf(Object object) {
        return object == null ? null : ownerOfClass(object.getClass());
    }

    /** The instance that defined {@code c} (a snippet class, or a lambda of one), or null. */
    static CodeOwner ownerOfClass(Class<?> c) {
        return c.getClassLoader() instanceof Loader l ? l.owner : null;
    }

    /** Whether {@code c} was defined by this instance (a snippet class, or a lambda of one). */
    boolean defined(Class<?> c) {
        return c.getClassLoader() == loader;
    }

    /** Whether {@code a} was defined before {@code b} (both classes of this instance's snippets). */
    boolean definedBefore(Class<?> a, Class<?> b) {
        return definedAt.getOrDefault(a, 0L) < definedAt.getOrDefault(b, 0L);
    }

    /** Every class this instance has defined so far (snippet classes; not the lambdas made at run time). */
    List<Class<?>> definedClasses() {
        return List.copyOf(classes.values());
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
        definedAt.clear();
        loader.clear();
    }

    private static final class Loader extends ClassLoader {
        private final Map<String, byte[]> declared = new ConcurrentHashMap<>();
        volatile CodeOwner owner;

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
