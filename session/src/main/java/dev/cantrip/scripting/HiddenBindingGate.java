package dev.cantrip.scripting;

import dev.cantrip.repl.ClassGate;
import dev.cantrip.repl.ClassLookup;
import dev.cantrip.repl.ClassRejectedException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.util.Objects;
import java.util.Set;

/**
 * Keeps the engine's hidden bindings ({@code $api}) out of snippets' reach, in every tier: a class
 * that reads one is refused before it loads, naming it. The functions snippets call
 * ({@code obj}, {@code search}, {@code inspect}, ...) reach the session's API through host code
 * ({@link dev.cantrip.repl.ReplEngine#bindingOfCaller}), so snippets need not name it; named, it
 * handed out the whole engine ({@code inspect($api)} showed the game's and the engine's private
 * fields). The only access let through is the store into the field by the class that declares it:
 * JShell's own code for a declaration ({@code return $api = $api_;}).
 *
 * <p>Checked before the tier's gate, so its message is the one the user sees.
 */
final class HiddenBindingGate implements ClassGate {

    /** JShell puts every snippet's classes in this package. */
    private static final String SNIPPET_PACKAGE = "REPL/";

    private final ClassGate next;
    private final Set<String> hidden;

    /**
     * @param next the tier's gate, which sees the class after this one
     * @param hidden the names of the hidden bindings
     */
    HiddenBindingGate(ClassGate next, Set<String> hidden) {
        this.next = Objects.requireNonNull(next, "next");
        this.hidden = Set.copyOf(hidden);
    }

    @Override
    public byte[] admit(String className, byte[] classFile, ClassLookup lookup) throws ClassRejectedException {
        ClassModel model = ClassFile.of().parse(classFile);
        String self = model.thisClass().asInternalName();
        for (MethodModel m : model.methods()) {
            var code = m.findAttribute(java.lang.classfile.Attributes.code());
            if (code.isEmpty()) {
                continue;
            }
            for (CodeElement e : (CodeModel) code.get()) {
                check(e, self);
            }
        }
        return next.admit(className, classFile, lookup);
    }

    private void check(CodeElement e, String self) throws ClassRejectedException {
        switch (e) {
            case FieldInstruction f -> {
                String name = f.name().stringValue();
                if (hidden.contains(name) && f.owner().asInternalName().startsWith(SNIPPET_PACKAGE)
                        && !(f.opcode() == Opcode.PUTSTATIC && f.owner().asInternalName().equals(self))) {
                    throw refused(name);
                }
            }
            case ConstantInstruction.LoadConstantInstruction ldc -> constant(ldc.constantValue());
            case InvokeDynamicInstruction indy -> {
                for (ConstantDesc arg : indy.bootstrapArgs()) {
                    constant(arg);
                }
            }
            default -> { }
        }
    }

    /** A method handle to a hidden binding's field (never written by javac, but a class file may hold one). */
    private void constant(ConstantDesc c) throws ClassRejectedException {
        switch (c) {
            case DirectMethodHandleDesc mh when hidden.contains(mh.methodName())
                    && mh.owner().descriptorString().startsWith("L" + SNIPPET_PACKAGE) -> throw refused(mh.methodName());
            case DynamicConstantDesc<?> d -> {
                for (ConstantDesc arg : d.bootstrapArgs()) {
                    constant(arg);
                }
            }
            default -> { }
        }
    }

    private static ClassRejectedException refused(String name) {
        return new ClassRejectedException(name + " is the engine's own and cannot be used in snippets: call the"
                + " functions (obj, search, inspect, delay, ...) instead");
    }
}
