package dev.cantrip.repl;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the source of a snippet's lambda or method reference, for {@link ReplEngine#sourceOf}.
 *
 * <p>The lambda must be of a serializable functional type (the host's callback types are): its
 * {@link SerializedLambda} names the snippet class and the method javac made of its body, and
 * holds the values it captured. The snippet class's code says where that lambda was made: the
 * n-th lambda or method reference made in some method, itself maybe the body of another lambda,
 * down from a method the snippet declared or from the snippet's top level. The snippet's source,
 * parsed with javac, has its lambdas and method references in the same order, so the same path
 * leads to the text as typed. Each step is checked (counts, kinds, arity); where they disagree the
 * lambda is not described rather than described wrongly.
 */
final class LambdaSources {

    private static final String LMF = "java.lang.invoke.LambdaMetafactory";
    private static final String TOP_LEVEL = "do_it$";
    private static final String TOP_PREFIX = "class $W { Object do_it$() {\n";
    private static final String MEMBER_PREFIX = "class $W {\n";
    // The class JShell wraps a snippet in; a class a snippet declares is nested in it ($JShell$12$Maker).
    private static final java.util.regex.Pattern WRAPPER = java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+");

    private LambdaSources() {}

    /** Whether a snippet class makes lambdas of serializable types: its class file is kept for {@link #describe}. */
    static boolean makesSerializableLambdas(ClassModel model) {
        for (MethodModel m : model.methods()) {
            var code = m.findAttribute(java.lang.classfile.Attributes.code());
            if (code.isEmpty()) {
                continue;
            }
            for (var e : (CodeModel) code.get()) {
                if (e instanceof InvokeDynamicInstruction indy
                        && indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/invoke/LambdaMetafactory;")
                        && indy.bootstrapMethod().methodName().equals("altMetafactory")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Describes {@code lambda}.
     *
     * @throws IllegalArgumentException saying why it cannot be described
     */
    static LambdaSource describe(Object lambda) {
        CodeOwner owner = SnippetLoader.ownerOf(lambda);
        if (owner == null) {
            throw new IllegalArgumentException("it is not code a snippet wrote");
        }
        SerializedLambda sl = serialized(lambda);
        String capturing = sl.getCapturingClass().replace('/', '.');
        SnippetSources sources = owner.sources();
        if (!WRAPPER.matcher(capturing).matches()) {
            throw new IllegalArgumentException("it was written inside a class a snippet declared; only callbacks written"
                    + " in a snippet's statements or methods can be kept as source");
        }
        byte[] bytes = sources.classFile(capturing);
        String source = sources.sourceOfClass(capturing);
        if (bytes == null || source == null) {
            throw new IllegalArgumentException("the snippet that made it is not known any more");
        }
        String key = capturing + "#" + sl.getImplClass() + "." + sl.getImplMethodName() + sl.getImplMethodSignature();
        // The same lambda in a loop is read once: parsing with javac costs milliseconds, values cost nothing.
        Template template = sources.template(key, () -> template(sl, bytes, source));
        List<LambdaSource.Value> captured = new ArrayList<>();
        for (int i = 0; i < template.capturedNames().size(); i++) {
            captured.add(new LambdaSource.Value(template.capturedNames().get(i), template.capturedTypes().get(i),
                    sl.getCapturedArg(i)));
        }
        List<LambdaSource.Value> variables = new ArrayList<>();
        for (Map.Entry<String, SnippetSources.Variable> v : sources.variables().entrySet()) {
            if (template.names().contains(v.getKey()) && !template.capturedNames().contains(v.getKey())
                    && !template.locals().contains(v.getKey())) {
                Object value;
                try {
                    value = v.getValue().field().get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("session variable " + v.getKey() + " cannot be read", e);
                }
                variables.add(new LambdaSource.Value(v.getKey(), v.getValue().type(), value));
            }
        }
        String code = template.code();
        return new LambdaSource(code, sl.getFunctionalInterfaceClass().replace('/', '.'), captured, variables,
                sources.declarations());
    }

    /** What does not change from one lambda made at the same place to the next: read once, kept per place. */
    record Template(String code, List<String> capturedNames, List<String> capturedTypes, Set<String> names,
                    Set<String> locals) {
        Template {
            capturedNames = List.copyOf(capturedNames);
            capturedTypes = List.copyOf(capturedTypes);
            names = Set.copyOf(names);
            locals = Set.copyOf(locals);
        }
    }

    private static Template template(SerializedLambda sl, byte[] bytes, String source) {
        ClassModel model = ClassFile.of().parse(bytes);
        Map<String, List<DirectMethodHandleDesc>> made = lambdasMade(model);
        String implOwner = sl.getImplClass();
        List<Integer> path = new ArrayList<>();
        String method = creator(made, implOwner, sl.getImplMethodName(), sl.getImplMethodSignature(), path);
        if (method == null) {
            throw new IllegalArgumentException("where it was made could not be found in its snippet's code");
        }
        String methodName = method.substring(0, method.indexOf('('));
        while (methodName.startsWith("lambda$")) {
            String outer = creator(made, sl.getCapturingClass(), methodName, method.substring(method.indexOf('(')), path);
            if (outer == null) {
                throw new IllegalArgumentException("the lambda around it could not be found in its snippet's code");
            }
            method = outer;
            methodName = method.substring(0, method.indexOf('('));
        }
        java.util.Collections.reverse(path);

        Parsed parsed = parse(source, methodName, MethodTypeDesc.ofDescriptor(method.substring(method.indexOf('('))));
        Tree scope = parsed.root;
        Tree target = null;
        String scopeMethod = method;
        for (int depth = 0; depth < path.size(); depth++) {
            List<Tree> direct = functionalNodes(scope);
            int expected = made.getOrDefault(scopeMethod, List.of()).size();
            if (direct.size() != expected) {
                throw new IllegalArgumentException("its snippet's source and code do not match (" + direct.size()
                        + " lambdas in the source, " + expected + " in the code)");
            }
            target = direct.get(path.get(depth));
            if (depth + 1 < path.size()) {
                if (!(target instanceof LambdaExpressionTree l)) {
                    throw new IllegalArgumentException("its snippet's source and code do not match");
                }
                DirectMethodHandleDesc inner = made.get(scopeMethod).get(path.get(depth));
                scopeMethod = inner.methodName() + inner.lookupDescriptor();
                scope = l.getBody();
            }
        }
        boolean isLambda = sl.getImplMethodName().startsWith("lambda$");
        if (target == null || isLambda != (target instanceof LambdaExpressionTree)) {
            throw new IllegalArgumentException("its snippet's source and code do not match");
        }
        String code = parsed.text(target);
        List<String> capturedNames = new ArrayList<>();
        List<String> capturedTypes = new ArrayList<>();
        MethodTypeDesc implType = MethodTypeDesc.ofDescriptor(sl.getImplMethodSignature());
        Set<String> locals = new HashSet<>();
        if (target instanceof MemberReferenceTree ref) {
            if (sl.getCapturedArgCount() == 1) {
                code = "$c0::" + ref.getName();
                capturedNames.add("$c0");
                capturedTypes.add(typeName(ClassDesc.ofInternalName(sl.getImplClass())));
            } else if (sl.getCapturedArgCount() > 1) {
                throw new IllegalArgumentException("a method reference that captures more than its receiver cannot be kept");
            }
        } else {
            LambdaExpressionTree l = (LambdaExpressionTree) target;
            l.getParameters().forEach(p -> locals.add(p.getName().toString()));
            List<String> free = freeNames(l, parsed.declaredAround(l), locals);
            if (free.size() != sl.getCapturedArgCount()) {
                throw new IllegalArgumentException("the values it captures could not be named (" + sl.getCapturedArgCount()
                        + " captured, " + free.size() + " found)");
            }
            for (int i = 0; i < free.size(); i++) {
                String declared = parsed.declaredType(free.get(i));
                String type = declared != null && !declared.equals("var") ? declared : typeName(implType.parameterType(i));
                capturedNames.add(free.get(i));
                capturedTypes.add(type);
            }
        }
        return new Template(code, capturedNames, capturedTypes, identifiers(target), locals);
    }

    private static SerializedLambda serialized(Object lambda) {
        try {
            Method writeReplace = lambda.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            if (writeReplace.invoke(lambda) instanceof SerializedLambda sl) {
                return sl;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Not a lambda of a serializable type.
        }
        throw new IllegalArgumentException("it is not a lambda or method reference of a callback type");
    }

    /** Per method ("name(descriptor)"), the implementations of the lambdas it makes, in code order. */
    private static Map<String, List<DirectMethodHandleDesc>> lambdasMade(ClassModel model) {
        Map<String, List<DirectMethodHandleDesc>> out = new LinkedHashMap<>();
        for (MethodModel m : model.methods()) {
            if (m.methodName().stringValue().equals("$deserializeLambda$")) {
                continue;
            }
            var code = m.findAttribute(java.lang.classfile.Attributes.code());
            if (code.isEmpty()) {
                continue;
            }
            List<DirectMethodHandleDesc> list = new ArrayList<>();
            for (var e : (CodeModel) code.get()) {
                if (e instanceof InvokeDynamicInstruction indy
                        && indy.bootstrapMethod().owner().descriptorString().equals("L" + LMF.replace('.', '/') + ";")
                        && indy.bootstrapArgs().size() >= 2
                        && indy.bootstrapArgs().get(1) instanceof DirectMethodHandleDesc impl) {
                    list.add(impl);
                }
            }
            out.put(m.methodName().stringValue() + m.methodType().stringValue(), list);
        }
        return out;
    }

    /**
     * The method ("name(descriptor)") that makes the lambda implemented by {@code owner.name(descriptor)};
     * adds its index among the lambdas that method makes to {@code path}. Null if none does.
     */
    private static String creator(Map<String, List<DirectMethodHandleDesc>> made, String owner, String name,
                                  String descriptor, List<Integer> path) {
        String ownerDesc = "L" + owner + ";";
        for (Map.Entry<String, List<DirectMethodHandleDesc>> m : made.entrySet()) {
            List<DirectMethodHandleDesc> list = m.getValue();
            for (int i = 0; i < list.size(); i++) {
                DirectMethodHandleDesc d = list.get(i);
                if (d.owner().descriptorString().equals(ownerDesc) && d.methodName().equals(name)
                        && d.lookupDescriptor().equals(descriptor)) {
                    path.add(i);
                    return m.getKey();
                }
            }
        }
        return null;
    }

    private static String typeName(ClassDesc d) {
        if (d.isPrimitive()) {
            return d.displayName();
        }
        if (d.isArray()) {
            return typeName(d.componentType()) + "[]";
        }
        String pkg = d.packageName();
        return (pkg.isEmpty() ? "" : pkg + ".") + d.displayName().replace('$', '.');
    }

    // ---- the source side ----

    /** A snippet's source parsed in a wrapper: the tree to start from and the text of its nodes. */
    private record Parsed(String text, int offset, CompilationUnitTree unit, Trees trees, Tree root) {
        String text(Tree t) {
            SourcePositions p = trees.getSourcePositions();
            return text.substring((int) p.getStartPosition(unit, t), (int) p.getEndPosition(unit, t));
        }

        /** Every variable declared in the root, outside {@code lambda}: name to declared type. */
        Map<String, String> declaredAround(LambdaExpressionTree lambda) {
            Map<String, String> out = new LinkedHashMap<>();
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree v, Void unused) {
                    out.putIfAbsent(v.getName().toString(), v.getType() == null ? "var" : text(v.getType()));
                    return super.visitVariable(v, unused);
                }

                @Override
                public Void visitLambdaExpression(LambdaExpressionTree l, Void unused) {
                    return l == lambda ? null : super.visitLambdaExpression(l, unused);
                }
            }.scan(root instanceof MethodTree m ? m : root, null);
            return out;
        }

        String declaredType(String name) {
            String[] found = new String[1];
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree v, Void unused) {
                    if (found[0] == null && v.getName().contentEquals(name)) {
                        found[0] = v.getType() == null ? "var" : text(v.getType());
                    }
                    return super.visitVariable(v, unused);
                }
            }.scan(root, null);
            return found[0];
        }
    }

    private static Parsed parse(String source, String method, MethodTypeDesc type) {
        // JShell runs a snippet's statements in do_it$, and a variable's initializer in do_it$Aux.
        if (method.startsWith(TOP_LEVEL)) {
            String text = TOP_PREFIX + source + "\n;return null; } }";
            Unit parsed = parseUnit(text);
            MethodTree m = parsed == null ? null : methods(parsed.unit()).stream()
                    .filter(x -> x.getName().contentEquals(TOP_LEVEL)).findFirst().orElse(null);
            if (m == null) {
                throw new IllegalArgumentException("its snippet's source could not be read again");
            }
            return new Parsed(text, TOP_PREFIX.length(), parsed.unit(), parsed.trees(), m.getBody());
        }
        String text = MEMBER_PREFIX + source + "\n}";
        Unit parsed = parseUnit(text);
        if (parsed == null) {
            throw new IllegalArgumentException("its snippet's source could not be read again");
        }
        CompilationUnitTree unit = parsed.unit();
        List<MethodTree> named = methods(unit).stream()
                .filter(x -> x.getName().contentEquals(method) && x.getParameters().size() == type.parameterCount())
                .toList();
        if (named.size() != 1) {
            throw new IllegalArgumentException("it was made in " + method + "(...), which its snippet does not declare once");
        }
        return new Parsed(text, MEMBER_PREFIX.length(), unit, parsed.trees(), named.getFirst());
    }

    private record Unit(CompilationUnitTree unit, Trees trees) {}

    private static Unit parseUnit(String code) {
        JavacParser.Parsed p = JavacParser.parse(code);
        return p == null ? null : new Unit(p.unit(), p.trees());
    }

    /** The methods declared directly in the wrapper class. */
    private static List<MethodTree> methods(CompilationUnitTree unit) {
        if (unit == null) {
            return List.of();
        }
        List<MethodTree> out = new ArrayList<>();
        for (Tree t : unit.getTypeDecls()) {
            if (t instanceof ClassTree c) {
                for (Tree member : c.getMembers()) {
                    if (member instanceof MethodTree m) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The lambdas and method references directly in {@code scope}, in source order: not those
     * inside another lambda (its body makes them) nor inside a class body (another class does).
     */
    private static List<Tree> functionalNodes(Tree scope) {
        List<Tree> out = new ArrayList<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitLambdaExpression(LambdaExpressionTree l, Void unused) {
                out.add(l);
                return null;
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree r, Void unused) {
                out.add(r);
                return super.visitMemberReference(r, unused); // its qualifier may hold lambdas made before it
            }

            @Override
            public Void visitClass(ClassTree c, Void unused) {
                return null;
            }

            @Override
            public Void visitNewClass(NewClassTree n, Void unused) {
                scan(n.getEnclosingExpression(), null);
                scan(n.getArguments(), null);
                return null;
            }
        }.scan(scope, null);
        return out;
    }

    /**
     * The names a lambda's body uses that are declared around it (so it captures them), in the
     * order they first appear: the order javac passes captured values in.
     */
    private static List<String> freeNames(LambdaExpressionTree lambda, Map<String, String> around, Set<String> locals) {
        Set<String> inside = new HashSet<>(locals);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree v, Void unused) {
                inside.add(v.getName().toString());
                return super.visitVariable(v, unused);
            }
        }.scan(lambda.getBody(), null);
        Set<String> free = new LinkedHashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                String n = id.getName().toString();
                if (around.containsKey(n) && !inside.contains(n)) {
                    free.add(n);
                }
                return null;
            }
        }.scan(lambda.getBody(), null);
        return new ArrayList<>(free);
    }

    /** Every simple name used in {@code t}. */
    private static Set<String> identifiers(Tree t) {
        Set<String> out = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                out.add(id.getName().toString());
                return null;
            }
        }.scan(t, null);
        return out;
    }
}
