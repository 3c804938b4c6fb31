package dev.cantrip.repl;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import java.util.List;
import java.util.Optional;

/**
 * Refuses a snippet whose method calls javac would take exponential time to type: a call whose
 * argument is a conditional, a lambda or a switch expression holding another call whose argument
 * is one again, and so on ({@code g(true ? g(true ? g(...) : null, 2) : null, 2)}). Such arguments
 * are poly expressions: javac types each against every inference variable of the call around it,
 * speculatively, so each level of nesting doubles the compile (measured, one core: 5 levels
 * 0.3 s, 7 levels 1.2 s, 9 levels 3.2 s, 11 levels 8 s; 18 levels would take hours). javac cannot
 * be stopped midway, so this is refused before it starts. Plain nesting ({@code g(g(g(1, 2), 2), 2)})
 * stays linear and is not counted.
 *
 * <p>Inside a lambda's or a switch's body every call counts, statements too: javac types the
 * body again for each candidate of an overloaded call around it, so {@code m(a -> { m(b -> { ...;
 * return 0; }); return 0; })} nests like results do.
 *
 * <p>A snippet is parsed only if it could hold the shape: enough {@code (} for that many calls,
 * and a {@code ?}, {@code ->} or {@code switch} (or a unicode escape, which could spell them).
 */
final class PolyNestingGuard {

    /** The deepest nesting let through: five levels compile in about 0.3 s of CPU. */
    static final int MAX_DEPTH = 5;

    private PolyNestingGuard() {}

    /** Why the snippet is refused, or empty if javac may compile it. */
    static Optional<String> check(String source) {
        if (!mayHoldTheShape(source)) {
            return Optional.empty();
        }
        // Declarations parse as class members, statements and expressions inside a method.
        for (String wrapped : List.of("class $Poly { " + source + "\n}", "class $Poly { void $poly() { " + source + "\n;} }")) {
            JavacParser.Parsed parsed = JavacParser.parse(wrapped);
            if (parsed != null) {
                int depth = depth(parsed.unit());
                if (depth > MAX_DEPTH) {
                    return Optional.of(message(depth));
                }
                return Optional.empty();
            }
        }
        return Optional.empty(); // does not parse either way: the compiler will say why
    }

    static String message(int depth) {
        return "it nests calls inside conditionals, lambdas or switches " + depth + " levels deep (at most "
                + MAX_DEPTH + "), which the compiler takes exponential time to check: split it with local variables"
                + " (var a = ...; then use a)";
    }

    /** Cheap text test: false only when the source cannot hold a nesting deeper than {@link #MAX_DEPTH}. */
    static boolean mayHoldTheShape(String source) {
        if (source.contains("\\u")) {
            return true; // javac reads unicode escapes before anything else: \u0028 is a '('
        }
        int open = 0;
        for (int i = 0; i < source.length() && open <= MAX_DEPTH; i++) {
            if (source.charAt(i) == '(') {
                open++;
            }
        }
        // Each level is a call with its own '(' (string literals can only add more of them), and
        // every level past the first needs a conditional, lambda or switch between two calls.
        return open > MAX_DEPTH && (source.indexOf('?') >= 0 || source.contains("->") || source.contains("switch"));
    }

    /** The deepest chain of calls in {@code unit}, each in a poly argument of the one around it. */
    static int depth(CompilationUnitTree unit) {
        Depth d = new Depth();
        d.scan(unit, 0);
        return d.deepest;
    }

    /**
     * Scans with the level of the nearest enclosing counted call; a call counts one level more
     * than that when it sits in an argument of that call through a conditional, lambda or switch
     * (parentheses do not matter), the same level when it is the argument itself, and starts a
     * chain of its own at level 1 anywhere else (a receiver, an operand, a cast, a statement).
     */
    private static final class Depth extends TreeScanner<Void, Integer> {
        int deepest;

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Integer level) {
            scan(node.getMethodSelect(), 0); // a receiver (a.b().c()) is typed on its own
            scan(node.getTypeArguments(), 0);
            arguments(node.getArguments(), level);
            return null;
        }

        @Override
        public Void visitNewClass(NewClassTree node, Integer level) {
            scan(node.getEnclosingExpression(), 0);
            scan(node.getIdentifier(), 0);
            scan(node.getClassBody(), 0);
            arguments(node.getArguments(), level);
            return null;
        }

        private void arguments(List<? extends ExpressionTree> args, Integer outer) {
            int here = outer + 1;
            deepest = Math.max(deepest, here);
            for (ExpressionTree a : args) {
                polyArgument(a, here, false);
            }
        }

        /** Walks an argument down through parentheses and poly wrappers to the calls in it. */
        private void polyArgument(Tree t, int call, boolean throughPoly) {
            switch (t) {
                case null -> { }
                case ParenthesizedTree p -> polyArgument(p.getExpression(), call, throughPoly);
                case ConditionalExpressionTree c -> {
                    scan(c.getCondition(), 0);
                    polyArgument(c.getTrueExpression(), call, true);
                    polyArgument(c.getFalseExpression(), call, true);
                }
                case LambdaExpressionTree l -> {
                    scan(l.getParameters(), 0);
                    if (l.getBody() instanceof ExpressionTree e) {
                        polyArgument(e, call, true);
                    } else {
                        new Returns(this, call).scan(l.getBody(), null);
                    }
                }
                case SwitchExpressionTree s -> {
                    scan(s.getExpression(), 0);
                    new Returns(this, call).scan(s.getCases(), null);
                }
                // A call through a poly wrapper is one level deeper; a call passed straight on is a
                // poly expression too (its inference joins the outer one): same level, not a new chain.
                case MethodInvocationTree m -> visitMethodInvocation(m, throughPoly ? call : call - 1);
                case NewClassTree n -> visitNewClass(n, throughPoly ? call : call - 1);
                default -> scan(t, 0);
            }
        }

        /** The results of a lambda body's {@code return}s and a switch's arms and {@code yield}s. */
        private static final class Returns extends TreeScanner<Void, Void> {
            private final Depth depth;
            private final int call;

            Returns(Depth depth, int call) {
                this.depth = depth;
                this.call = call;
            }

            @Override
            public Void visitReturn(com.sun.source.tree.ReturnTree r, Void unused) {
                depth.polyArgument(r.getExpression(), call, true);
                return null;
            }

            @Override
            public Void visitYield(com.sun.source.tree.YieldTree y, Void unused) {
                depth.polyArgument(y.getValue(), call, true);
                return null;
            }

            @Override
            public Void visitCase(com.sun.source.tree.CaseTree c, Void unused) {
                if (c.getBody() instanceof ExpressionTree e) {
                    scan(c.getLabels(), null);
                    depth.polyArgument(e, call, true);
                    return null;
                }
                return super.visitCase(c, unused);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree l, Void unused) {
                depth.scan(l, 0); // a nested lambda's returns are its own
                return null;
            }

            @Override
            public Void visitClass(com.sun.source.tree.ClassTree c, Void unused) {
                depth.scan(c, 0);
                return null;
            }

            // A call anywhere in the body, not only its result, is one level deeper: javac types the
            // whole body of a lambda again for each candidate of an overloaded call around it, so
            // statements nest as results do (m(a -> { m(b -> { ...; return 0; }); return 0; }) with
            // three overloads of m: 8 levels 10 s of CPU, 12 levels minutes; an attack round found it).
            @Override
            public Void visitMethodInvocation(MethodInvocationTree m, Void unused) {
                depth.polyArgument(m, call, true);
                return null;
            }

            @Override
            public Void visitNewClass(NewClassTree n, Void unused) {
                depth.polyArgument(n, call, true);
                return null;
            }
        }
    }
}
