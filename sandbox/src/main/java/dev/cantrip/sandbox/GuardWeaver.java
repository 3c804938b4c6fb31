package dev.cantrip.sandbox;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Opcode;
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
    // Concatenated as they are (the stand-in's own list, as descriptors).
    private static final java.util.Set<String> PLAIN_IN_CONCAT = dev.cantrip.sandbox.facade.LimitedStructures.PLAIN_IN_CONCAT
            .stream().map(Class::descriptorString).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** A record's hashCode, equals and toString: LimitedStructures.recordMethod instead of ObjectMethods.bootstrap. */
    private static final DirectMethodHandleDesc RECORD_METHOD = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
            STRUCTURES, "recordMethod", MethodTypeDesc.ofDescriptor("(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                    + "Ljava/lang/invoke/TypeDescriptor;Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/invoke/MethodHandle;)"
                    + "Ljava/lang/Object;"));

    /** String concatenation: LimitedStructures.concatWithConstants and concat instead of StringConcatFactory's. */
    private static final DirectMethodHandleDesc CONCAT_WITH_CONSTANTS = MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC, STRUCTURES, "concatWithConstants", MethodTypeDesc.ofDescriptor(
                    "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;"));
    private static final DirectMethodHandleDesc CONCAT = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC,
            STRUCTURES, "concat", MethodTypeDesc.ofDescriptor("(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                    + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;"));

    private GuardWeaver() {}

    /** Whether a concatenation argument of this type could hold other objects (a reference, not plain text or a number). */
    static boolean walkedInConcat(ClassDesc type) {
        return !type.isPrimitive() && !PLAIN_IN_CONCAT.contains(type.descriptorString());
    }

    static byte[] weave(ClassModel model, Map<String, Guards.Guard> guards, dev.cantrip.repl.ClassLookup lookup) {
        ClassTransform transform = ClassTransform.transformingMethodBodies(CodeTransform.ofStateful(() -> new Weaver(guards)));
        try {
            // With stack maps: code without them was transformed wrongly after (a loop's backward
            // branch placed outside the method), so they are made here, resolving snippet classes
            // through the lookup.
            return ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(hierarchy(lookup))).transformClass(model, transform);
        } catch (IllegalArgumentException unresolved) {
            return NO_STACK_MAPS.transformClass(model, transform);
        }
    }

    /** JDK classes, the classes of the batch being loaded (from their bytes), and loaded ones (host, earlier snippets). */
    private static java.lang.classfile.ClassHierarchyResolver hierarchy(dev.cantrip.repl.ClassLookup lookup) {
        return java.lang.classfile.ClassHierarchyResolver.defaultResolver()
                .orElse(java.lang.classfile.ClassHierarchyResolver.ofResourceParsing(desc -> lookup.pending(binaryName(desc))
                        .map(java.io.ByteArrayInputStream::new).orElse(null)))
                .orElse(desc -> lookup.loaded(binaryName(desc)).map(c -> c.isInterface()
                        ? java.lang.classfile.ClassHierarchyResolver.ClassHierarchyInfo.ofInterface()
                        : java.lang.classfile.ClassHierarchyResolver.ClassHierarchyInfo.ofClass(
                                c.getSuperclass() == null ? null : c.getSuperclass().describeConstable().orElse(null)))
                        .orElse(null));
    }

    private static String binaryName(ClassDesc desc) {
        String d = desc.descriptorString();
        return d.substring(1, d.length() - 1).replace('/', '.');
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
         * String concatenation ({@code "" + list}) turns each object into text inside the JDK: the
         * call site is bound by {@code LimitedStructures.concatWithConstants} (or {@code concat})
         * instead, which turns each argument that may hold others into text within the budget
         * first. Only the bootstrap changes: the code around the call stays as javac made it.
         */
        private void concat(CodeBuilder b, InvokeDynamicInstruction indy) {
            DirectMethodHandleDesc bootstrap = switch (indy.bootstrapMethod().methodName()) {
                case "makeConcatWithConstants" -> CONCAT_WITH_CONSTANTS;
                case "makeConcat" -> CONCAT;
                default -> throw new IllegalArgumentException("an unknown concatenation bootstrap: "
                        + indy.bootstrapMethod().methodName());
            };
            b.invokedynamic(DynamicCallSiteDesc.of(bootstrap, indy.name().stringValue(), indy.typeSymbol(),
                    indy.bootstrapArgs().toArray(ConstantDesc[]::new)));
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
