package dev.cantrip.repl;

import java.io.ByteArrayInputStream;
import java.lang.classfile.ClassHierarchyResolver;
import java.util.Map;

/**
 * For the benchmarks: the engine's own rewriting of a snippet class ({@link SnippetRewriter}),
 * which is package-private, applied to class files captured from a real evaluation.
 */
public final class RewriteAccess {

    private RewriteAccess() {}

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
