package dev.cantrip.repl;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Refuses a snippet whose constant expressions javac would fold into a huge string: javac
 * concatenates constant strings while it compiles, before any budget applies, so ten
 * {@code final} strings each made of ten copies of the one before fill the heap at compile time
 * (the server's heap: JShell compiles in process). Only {@code final} variables with constant
 * initializers are folded (JShell ignores {@code final} on top-level variables, so a snippet can
 * only build on constants of its own, and of other classes), so the check parses a snippet only
 * if it says {@code final} (about 0.6 ms, measured warm), and adds up the sizes its constants
 * would have.
 */
final class ConstantFoldGuard {

    /** Folded strings longer than this are refused (javac refuses constants over 65,535 bytes anyway). */
    static final long MAX_FOLDED_CHARS = 1 << 20;

    private static final double UNKNOWN_CONSTANT = 64;

    private ConstantFoldGuard() {}

    /** Why the snippet is refused, or empty if javac may compile it. */
    static Optional<String> check(String source) {
        if (!source.contains("final")) {
            return Optional.empty();
        }
        // Declarations parse as class members, statements and expressions inside a method.
        for (String wrapped : List.of("class $Fold { " + source + "\n}", "class $Fold { void $fold() { " + source + "\n;} }")) {
            CompilationUnitTree unit = parse(wrapped);
            if (unit != null) {
                Sizes sizes = new Sizes();
                sizes.scan(unit, null);
                if (sizes.largest > MAX_FOLDED_CHARS) {
                    return Optional.of(String.format(java.util.Locale.ROOT, "its constants would be folded by the compiler into"
                            + " a string of about %,.0f characters (more than %,d): build large strings at run time",
                            sizes.largest, MAX_FOLDED_CHARS));
                }
                return Optional.empty();
            }
        }
        return Optional.empty(); // does not parse either way: the compiler will say why
    }

    private static CompilationUnitTree parse(String code) {
        JavacParser.Parsed parsed = JavacParser.parse(code);
        return parsed == null ? null : parsed.unit();
    }

    /** The size, in characters, of each final variable's constant string (names taken loosely: an upper bound). */
    private static final class Sizes extends TreeScanner<Void, Void> {
        private final Map<String, Double> constants = new HashMap<>();
        double largest;

        @Override
        public Void visitVariable(VariableTree v, Void unused) {
            if (v.getModifiers().getFlags().contains(Modifier.FINAL) && v.getInitializer() != null) {
                double size = size(v.getInitializer());
                constants.merge(v.getName().toString(), size, Math::max);
                largest = Math.max(largest, size);
            }
            return super.visitVariable(v, unused);
        }

        @Override
        public Void visitBinary(BinaryTree b, Void unused) {
            // "a1 + a1 + ..." used directly; sized once for the whole chain, not again for each part
            largest = Math.max(largest, size(b));
            return null;
        }

        private double size(ExpressionTree e) {
            return switch (e) {
                case LiteralTree l -> String.valueOf(l.getValue()).length();
                // A name not declared here may still be a constant of another class (a JDK class's
                // static final String): counted at a generous guess, so only repetition can add up.
                case IdentifierTree id -> constants.getOrDefault(id.getName().toString(), UNKNOWN_CONSTANT);
                case MemberSelectTree m -> constants.getOrDefault(m.getIdentifier().toString(), UNKNOWN_CONSTANT);
                case ParenthesizedTree p -> size(p.getExpression());
                case TypeCastTree c -> size(c.getExpression());
                case ConditionalExpressionTree c -> Math.max(size(c.getTrueExpression()), size(c.getFalseExpression()));
                case BinaryTree b when b.getKind() == Tree.Kind.PLUS -> size(b.getLeftOperand()) + size(b.getRightOperand());
                default -> 0;
            };
        }
    }
}
