package dev.cantrip.sandbox;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * Rewrites a verified class's guarded JDK calls ({@link Guards}): redirected calls and method
 * references go to their stand-ins, checked results pass through their checker, charged sizes are
 * charged first. Stack maps are left out: the engine's own rewriting, which comes next, computes
 * them for the final code.
 */
final class GuardWeaver {

    private static final ClassFile NO_STACK_MAPS = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final MethodTypeDesc CHARGE = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int,
            ConstantDescs.CD_int);

    private GuardWeaver() {}

    static byte[] weave(ClassModel model) {
        return NO_STACK_MAPS.transformClass(model, ClassTransform.transformingMethodBodies(GuardWeaver::element));
    }

    private static void element(CodeBuilder b, CodeElement e) {
        switch (e) {
            case InvokeInstruction i -> {
                Guards.Guard g = Guards.of(i.owner().asInternalName(), i.name().stringValue(), i.type().stringValue());
                switch (g) {
                    case null -> b.with(e);
                    case Guards.Guard.Redirect r -> b.invokestatic(r.facade(), r.name(), r.type());
                    case Guards.Guard.Checked c -> {
                        b.with(e);
                        b.invokestatic(c.facade(), c.name(), c.type());
                    }
                    case Guards.Guard.Charged c -> {
                        b.dup().loadConstant(c.shift()).invokestatic(Guards.ALLOCATIONS, "charge", CHARGE);
                        b.with(e);
                    }
                }
            }
            case InvokeDynamicInstruction indy -> b.invokedynamic(redirected(indy));
            default -> b.with(e);
        }
    }

    /** A method reference to a redirected JDK method refers to its stand-in instead. */
    private static DynamicCallSiteDesc redirected(InvokeDynamicInstruction indy) {
        ConstantDesc[] args = indy.bootstrapArgs().toArray(ConstantDesc[]::new);
        for (int k = 0; k < args.length; k++) {
            if (args[k] instanceof DirectMethodHandleDesc mh && mh.kind() != DirectMethodHandleDesc.Kind.CONSTRUCTOR) {
                String d = mh.owner().descriptorString();
                Guards.Guard g = Guards.of(d.substring(1, d.length() - 1), mh.methodName(), mh.lookupDescriptor());
                if (g instanceof Guards.Guard.Redirect r) {
                    args[k] = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, r.facade(), r.name(), r.type());
                }
            }
        }
        return DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(), indy.typeSymbol(), args);
    }

}
