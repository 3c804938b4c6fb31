package dev.cantrip.repl;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The engine's own rewriting of every snippet class, after the host's {@link ClassGate}:
 * <ul>
 *   <li>a stop check at each method's start and before each backward branch, so a run can be
 *       stopped (JDK 25's own local engine does the same);
 *   <li>{@code System.out}, {@code System.err} and {@code System.in} read from the instance's
 *       {@link SessionIO} holder instead of the process's streams;
 *   <li>{@code printStackTrace()} on any throwable, and {@code Thread.dumpStack()}, print to the
 *       session's stream.
 * </ul>
 * Stack maps are recomputed, which needs the class hierarchy: the resolver given finds snippet
 * classes (of the batch being loaded and of earlier ones) as well as host and JDK classes.
 */
final class SnippetRewriter {

    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final MethodTypeDesc PRINT_TO = MethodTypeDesc.of(ConstantDescs.CD_void, PRINT_STREAM);
    private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");

    private final ClassFile classFile;
    private final Predicate<ClassDesc> isThrowable;

    /**
     * @param hierarchy resolves every class the rewritten code mentions, for the stack maps
     * @param isThrowable whether a class is {@link Throwable} or a subclass
     */
    SnippetRewriter(ClassHierarchyResolver hierarchy, Predicate<ClassDesc> isThrowable) {
        this.classFile = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy));
        this.isThrowable = isThrowable;
    }

    byte[] rewrite(byte[] bytes) {
        return classFile.transformClass(classFile.parse(bytes),
                ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(Weaver::new)));
    }

    private final class Weaver implements CodeTransform {
        private final Set<Label> seen = new HashSet<>();

        @Override
        public void atStart(CodeBuilder b) {
            stopCheck(b);
        }

        @Override
        public void accept(CodeBuilder b, CodeElement e) {
            switch (e) {
                case LabelTarget t -> {
                    seen.add(t.label());
                    b.with(e);
                }
                case BranchInstruction br when seen.contains(br.target()) -> {
                    stopCheck(b);
                    b.with(e);
                }
                case FieldInstruction f when f.opcode() == Opcode.GETSTATIC && isSystemStream(f) ->
                        b.getstatic(SessionIO.HOLDER_DESC, f.name().stringValue(), f.typeSymbol());
                case InvokeInstruction i when isPrintStackTrace(i) -> {
                    b.getstatic(SessionIO.HOLDER_DESC, "err", PRINT_STREAM);
                    if (i.opcode() == Opcode.INVOKESPECIAL) {
                        b.invokespecial(i.owner().asSymbol(), "printStackTrace", PRINT_TO);
                    } else {
                        b.invokevirtual(ConstantDescs.CD_Throwable, "printStackTrace", PRINT_TO);
                    }
                }
                case InvokeInstruction i when i.opcode() == Opcode.INVOKESTATIC && i.owner().asSymbol().equals(THREAD)
                        && i.name().equalsString("dumpStack") && i.type().equalsString("()V") ->
                        b.invokestatic(SessionIO.HOLDER_DESC, SessionIO.DUMP_STACK, ConstantDescs.MTD_void);
                default -> b.with(e);
            }
        }

        private void stopCheck(CodeBuilder b) {
            b.invokestatic(SessionIO.HOLDER_DESC, SessionIO.CHECK, ConstantDescs.MTD_void);
        }

        private boolean isSystemStream(FieldInstruction f) {
            if (!f.owner().asInternalName().equals("java/lang/System")) {
                return false;
            }
            String name = f.name().stringValue();
            return name.equals("out") || name.equals("err") || name.equals("in");
        }

        private boolean isPrintStackTrace(InvokeInstruction i) {
            return (i.opcode() == Opcode.INVOKEVIRTUAL || i.opcode() == Opcode.INVOKESPECIAL)
                    && i.name().equalsString("printStackTrace") && i.type().equalsString("()V")
                    && isThrowable.test(i.owner().asSymbol());
        }
    }
}
