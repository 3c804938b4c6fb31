package dev.cantrip.repl;

import java.lang.classfile.ClassFile;
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

/**
 * The engine's own rewriting of every snippet class, after the host's {@link ClassGate}:
 * <ul>
 *   <li>a stop check at each method's start and before each backward branch, so a run can be
 *       stopped (JDK 25's own local engine does the same);
 *   <li>{@code System.out}, {@code System.err} and {@code System.in} read from the instance's
 *       {@link SessionIO} holder instead of the process's streams;
 *   <li>{@code printStackTrace()} on a JDK throwable prints to the session's stream.
 * </ul>
 */
final class SnippetRewriter {

    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final MethodTypeDesc PRINT_TO = MethodTypeDesc.of(ConstantDescs.CD_void, PRINT_STREAM);

    private SnippetRewriter() {}

    static byte[] rewrite(byte[] classFile) {
        ClassFile cf = ClassFile.of();
        return cf.transformClass(cf.parse(classFile),
                ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(Weaver::new)));
    }

    private static final class Weaver implements CodeTransform {
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
                case InvokeInstruction i when isPrintStackTrace(i) -> b
                        .getstatic(SessionIO.HOLDER_DESC, "err", PRINT_STREAM)
                        .invokevirtual(ConstantDescs.CD_Throwable, "printStackTrace", PRINT_TO);
                default -> b.with(e);
            }
        }

        private static void stopCheck(CodeBuilder b) {
            b.invokestatic(SessionIO.HOLDER_DESC, SessionIO.CHECK, ConstantDescs.MTD_void);
        }

        private static boolean isSystemStream(FieldInstruction f) {
            if (!f.owner().asInternalName().equals("java/lang/System")) {
                return false;
            }
            String name = f.name().stringValue();
            return name.equals("out") || name.equals("err") || name.equals("in");
        }

        private static boolean isPrintStackTrace(InvokeInstruction i) {
            if (i.opcode() != Opcode.INVOKEVIRTUAL || !i.name().equalsString("printStackTrace")
                    || !i.type().equalsString("()V")) {
                return false;
            }
            String owner = i.owner().asInternalName();
            if (!owner.startsWith("java/")) {
                return false; // A snippet's own class may have its own printStackTrace(); leave it.
            }
            try {
                return Throwable.class.isAssignableFrom(
                        Class.forName(owner.replace('/', '.'), false, ClassLoader.getPlatformClassLoader()));
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
    }
}
