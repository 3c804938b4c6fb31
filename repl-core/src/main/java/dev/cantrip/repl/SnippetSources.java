package dev.cantrip.repl;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one instance knows of its snippets' sources, kept so that a lambda it made can be described
 * later as source ({@link LambdaSources}), even after the instance was closed: the class files of
 * snippet classes that create callbacks (lambdas of serializable types), the source of each
 * snippet by id, and, as of the latest evaluation, the session's declarations and variables.
 * Thread-safe: written by the session's worker, read by whoever describes a lambda.
 */
final class SnippetSources {

    /** A session variable: its type as declared and the static field holding it. */
    record Variable(String type, Field field) {}

    private final Map<String, byte[]> classFiles = new ConcurrentHashMap<>();
    private final Map<String, String> sourceById = new ConcurrentHashMap<>();
    // Classes loaded while a snippet was being evaluated, before its id is known: that snippet's source.
    private final Map<String, String> sourceByClass = new ConcurrentHashMap<>();
    private volatile String evaluating;
    private final Map<String, LambdaSources.Template> templates = new ConcurrentHashMap<>();
    private volatile List<String> declarations = List.of();
    private volatile Map<String, Variable> variables = Map.of();

    /** The snippet about to be evaluated (its code may hand out lambdas before JShell says its id). */
    void evaluating(String source) {
        evaluating = source;
    }

    void classFile(String name, byte[] bytes) {
        classFiles.put(name, bytes);
        String now = evaluating;
        if (now != null && idSource(name) == null) {
            sourceByClass.put(name, now); // a class of the snippet being evaluated, not of one it recompiles
        }
    }

    byte[] classFile(String name) {
        return classFiles.get(name);
    }

    void source(String snippetId, String source) {
        sourceById.put(snippetId, source);
    }

    /** The source of the snippet whose wrapper class is {@code className} ({@code REPL.$JShell$12}), or null. */
    String sourceOfClass(String className) {
        String byId = idSource(className);
        return byId != null ? byId : sourceByClass.get(className);
    }

    private String idSource(String className) {
        String prefix = "REPL.$JShell$";
        return className.startsWith(prefix) ? sourceById.get(className.substring(prefix.length())) : null;
    }

    /** The template of the lambdas made at {@code key}, read by {@code read} the first time. */
    LambdaSources.Template template(String key, java.util.function.Supplier<LambdaSources.Template> read) {
        LambdaSources.Template t = templates.get(key);
        if (t == null) {
            t = read.get(); // not computeIfAbsent: reading parses with javac, and may throw
            templates.put(key, t);
        }
        return t;
    }

    void declarations(List<String> sources) {
        declarations = List.copyOf(sources);
    }

    /** The session's imports, types and methods as typed, in the order they were made. */
    List<String> declarations() {
        return declarations;
    }

    void variables(Map<String, Variable> now) {
        variables = Map.copyOf(now);
    }

    Map<String, Variable> variables() {
        return variables;
    }
}
