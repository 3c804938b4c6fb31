package dev.cantrip.repl;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Parses Java source with javac (no attribution, no class path): for reading snippets' trees. */
final class JavacParser {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** A parsed unit and the trees utility that gives its positions. */
    record Parsed(CompilationUnitTree unit, Trees trees) {}

    private JavacParser() {}

    /** The tree of {@code code}, or null if it does not parse. */
    static Parsed parse(String code) {
        DiagnosticCollector<JavaFileObject> errors = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Parsed.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, errors, List.of("-proc:none"), null, List.of(file));
        try {
            Iterable<? extends CompilationUnitTree> units = task.parse();
            if (!errors.getDiagnostics().isEmpty()) {
                return null;
            }
            return new Parsed(units.iterator().next(), Trees.instance(task));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
