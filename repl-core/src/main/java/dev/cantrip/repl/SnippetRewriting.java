package dev.cantrip.repl;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassHierarchyResolver;
import java.util.Map;

/**
 * The engine's own rewriting of a snippet class ({@link SnippetRewriter}: checks, call depth,
 * charged arrays, the session's streams) as a function of its class file, apart from loading it:
 * so that its cost can be measured on class files captured from a real evaluation (the bench's
 * {@code SandboxCostBenchmark}). An engine applies it to every class it loads; nothing else needs it.
 */
public final class SnippetRewriting {

    private SnippetRewriting() {}

    /** Rewrites {@code bytes} as the engine does; {@code batch} holds the classes loaded with it. */
    public static byte[] rewrite(byte[] bytes, Map<String, byte[]> batch, ClassLoader loader) {
        ClassHierarchyResolver hierarchy = ClassHierarchyResolver.defaultResolver()
                .orElse(ClassHierarchyResolver.ofResourceParsing(desc -> {
                    String d = desc.descriptorString();
                    byte[] b = batch.get(d.substring(1, d.length() - 1).replace('/', '.'));
                    return b == null ? null : new ByteArrayInputStream(b);
                }))
                .orElse(ClassHierarchyResolver.ofClassLoading(loader));
        return new SnippetRewriter(hierarchy, type -> false).rewrite(bytes);
    }
}
