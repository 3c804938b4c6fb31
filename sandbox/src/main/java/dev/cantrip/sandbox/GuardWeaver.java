package dev.cantrip.sandbox;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Map;

/**
 * Rewrites a verified class's guarded JDK calls ({@link Guards}), as the {@link Verifier} found
 * them (keyed by how the code names the member, guard chosen by the class declaring it):
 * redirected calls and method references go to their stand-ins, checked results pass through
 * their checker, charged sizes are charged first. Stack maps are left out: the engine's own
 * rewriting, which comes next, computes them for the final code.
 */
final class GuardWeaver {

    private static final ClassFile NO_STACK_MAPS = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final MethodTypeDesc CHARGE = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int,
            ConstantDescs.CD_int);

    private static final ClassDesc STRUCTURES = ClassDesc.of(dev.cantrip.sandbox.facade.LimitedStructures.class.getName());
    private static final MethodTypeDesc VALUE_OF = MethodTypeDesc.of(ConstantDescs.CD_String, ConstantDescs.CD_Object);
    // Concatenated as they are: their text is their own and cheap to make.
    private static final java.util.Set<String> PLAIN_IN_CONCAT = java.util.Set.of("Ljava/lang/String;",
            "Ljava/lang/Integer;", "Ljava/lang/Long;", "Ljava/lang/Short;", "Ljava/lang/Byte;", "Ljava/lang/Character;",
            "Ljava/lang/Boolean;", "Ljava/lang/Double;", "Ljava/lang/Float;");

    /** A record's hashCode, equals and toString: LimitedStructures.recordMethod instead of ObjectMethods.bootstrap. */
    private static final DirectMethodHandleDesc RECORD_METHOD = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
            STRUCTURES, "recordMethod", MethodTypeDesc.ofDescriptor("(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                    + "Ljava/lang/invoke/TypeDescriptor;Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/invoke/MethodHandle;)"
                    + "Ljava/lang/Object;"));

    private GuardWeaver() {}

    /** Whether a concatenation argument of this type could hold other objects (a reference, not plain text or a number). */
    static boolean walkedInConcat(ClassDesc type) {
        return !type.isPrimitive() && !PLAIN_IN_CONCAT.contains(type.descriptorString());
    }

    static byte[] weave(ClassModel model, Map<String, Guards.Guard> guards) {
        return NO_STACK_MAPS.transformClass(model,
                ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(() -> new Weaver(guards))));
    }

    private static final class Weaver implements CodeTransform {
        private final Map<String, Guards.Guard> guards;
        // Objects made with "new" whose <init> has not run: only such an <init> leaves the new
        // object on the stack to check (a constructor's own super(...) call leaves nothing).
        private int pendingNews;

        Weaver(Map<String, Guards.Guard> guards) {
            this.guards = guards;
        }

        @Override
        public void accept(CodeBuilder b, CodeElement e) {
            switch (e) {
                case NewObjectInstruction n -> {
                    pendingNews++;
                    b.with(e);
                }
                case InvokeInstruction i -> {
                    boolean isInit = i.opcode() == Opcode.INVOKESPECIAL && i.name().equalsString(ConstantDescs.INIT_NAME);
                    boolean madeWithNew = isInit && pendingNews > 0;
                    if (madeWithNew) {
                        pendingNews--;
                    }
                    Guards.Guard g = guards.get(i.owner().asInternalName() + "#" + i.name().stringValue() + i.type().stringValue());
                    switch (g) {
                        case null -> b.with(e);
                        case Guards.Guard.Redirect r when !isInit -> b.invokestatic(r.facade(), r.name(), r.type());
                        case Guards.Guard.Walked w when i.opcode() != Opcode.INVOKESPECIAL ->
                                b.invokestatic(w.call().facade(), w.call().name(), w.call().type());
                        case Guards.Guard.Walked w when w.superCall() != null && !isInit -> {
                            // super.hashCode() in a snippet subclass: worked out as the class it names does it.
                            b.loadConstant(i.owner().asSymbol());
                            b.invokestatic(w.superCall().facade(), w.superCall().name(), w.superCall().type());
                        }
                        case Guards.Guard.Checked c when !isInit || madeWithNew -> {
                            b.with(e);
                            b.invokestatic(c.facade(), c.name(), c.type());
                        }
                        case Guards.Guard.Charged c -> {
                            b.dup().loadConstant(c.shift()).invokestatic(Guards.ALLOCATIONS, "charge", CHARGE);
                            b.with(e);
                        }
                        case Guards.Guard.PreChecked p -> {
                            if (p.belowTop()) {
                                b.dup2().pop(); // [.., x, int] -> [.., x, int, x]
                            } else {
                                b.dup();
                            }
                            b.invokestatic(p.facade(), p.name(), p.type());
                            b.with(e);
                        }
                        default -> b.with(e); // a subclass constructor's super(...) call: its own checks apply
                    }
                }
                case InvokeDynamicInstruction indy when isConcat(indy) -> concat(b, indy);
                case InvokeDynamicInstruction indy when isRecordMethod(indy) -> b.invokedynamic(DynamicCallSiteDesc.of(
                        RECORD_METHOD, indy.name().stringValue(), indy.typeSymbol(),
                        indy.bootstrapArgs().toArray(ConstantDesc[]::new)));
                case InvokeDynamicInstruction indy -> b.invokedynamic(redirected(indy));
                default -> b.with(e);
            }
        }

        static boolean isRecordMethod(InvokeDynamicInstruction indy) {
            return indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/runtime/ObjectMethods;");
        }

        private static boolean isConcat(InvokeDynamicInstruction indy) {
            return indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/invoke/StringConcatFactory;")
                    && indy.typeSymbol().parameterList().stream().anyMatch(GuardWeaver::walkedInConcat);
        }

        /**
         * String concatenation ({@code "" + list}) turns each object into text inside the JDK:
         * its arguments are taken off the stack into fresh locals and put back, each one that may
         * hold others turned into text first by {@code LimitedStructures.valueOf} (as
         * {@code String.valueOf} would, within the budget), and the concatenation takes text there.
         */
        private void concat(CodeBuilder b, InvokeDynamicInstruction indy) {
            MethodTypeDesc type = indy.typeSymbol();
            int n = type.parameterCount();
            int[] slots = new int[n];
            for (int k = 0; k < n; k++) {
                slots[k] = b.allocateLocal(TypeKind.from(type.parameterType(k)));
            }
            for (int k = n - 1; k >= 0; k--) {
                b.storeLocal(TypeKind.from(type.parameterType(k)), slots[k]);
            }
            ClassDesc[] params = new ClassDesc[n];
            for (int k = 0; k < n; k++) {
                ClassDesc p = type.parameterType(k);
                b.loadLocal(TypeKind.from(p), slots[k]);
                if (walkedInConcat(p)) {
                    b.invokestatic(STRUCTURES, "valueOf", VALUE_OF);
                    p = ConstantDescs.CD_String;
                }
                params[k] = p;
            }
            b.invokedynamic(DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(),
                    MethodTypeDesc.of(type.returnType(), params), indy.bootstrapArgs().toArray(ConstantDesc[]::new)));
        }

        /** A method reference to a redirected JDK method refers to its stand-in instead. */
        private DynamicCallSiteDesc redirected(InvokeDynamicInstruction indy) {
            ConstantDesc[] args = indy.bootstrapArgs().toArray(ConstantDesc[]::new);
            for (int k = 0; k < args.length; k++) {
                if (args[k] instanceof DirectMethodHandleDesc mh && mh.kind() != DirectMethodHandleDesc.Kind.CONSTRUCTOR) {
                    String d = mh.owner().descriptorString();
                    Guards.Guard g = guards.get(d.substring(1, d.length() - 1) + "#" + mh.methodName() + mh.lookupDescriptor());
                    Guards.Guard.Redirect r = g instanceof Guards.Guard.Redirect x ? x
                            : g instanceof Guards.Guard.Walked w && mh.kind() != DirectMethodHandleDesc.Kind.SPECIAL ? w.call()
                            : null;
                    if (r != null) {
                        args[k] = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, r.facade(), r.name(), r.type());
                    }
                }
            }
            return DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(), indy.typeSymbol(), args);
        }
    }
}
