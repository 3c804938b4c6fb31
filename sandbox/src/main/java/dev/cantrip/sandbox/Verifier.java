package dev.cantrip.sandbox;

import dev.cantrip.repl.ClassGate;
import dev.cantrip.repl.ClassLookup;
import dev.cantrip.repl.ClassRejectedException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ClassGate} of a tier: checks every class a snippet defines against the tier's
 * {@link Policy} and refuses it, naming the first thing it may not use; lets the rest through with
 * the calls {@link Guards} knows rewritten.
 *
 * <p>Checked: the superclass and interfaces; field and method descriptors; method flags
 * ({@code synchronized}, {@code native}) and {@code finalize}; every instruction that names a
 * class, field or method (invocations, field access, {@code new}, casts, {@code instanceof}, array
 * creation, constants); each {@code invokedynamic}'s bootstrap method and every argument (a method
 * reference such as {@code System::exit} appears only there), dynamic constants likewise; catch
 * types; monitors. Members are judged where they are declared ({@link HostMembers}); members of
 * the snippet's own classes are its own.
 */
final class Verifier implements ClassGate {

    /** JShell puts every snippet's classes here: {@code REPL.$JShell$12}, {@code REPL.$JShell$12$Foo}. */
    private static final String SNIPPET_PREFIX = "REPL.$JShell$";

    private final Policy policy;
    // Host members never change: their verdicts are kept (keyed "owner#name descriptor").
    private final Map<String, String> hostRefusals = new ConcurrentHashMap<>();
    // Allowed host members, with the class that declares them (internal name).
    private final Map<String, String> hostAllowed = new ConcurrentHashMap<>();

    Verifier(Policy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public byte[] admit(String className, byte[] classFile, ClassLookup lookup) throws ClassRejectedException {
        ClassModel model = ClassFile.of().parse(classFile);
        Check check = new Check(lookup);
        check.classModel(model);
        return check.guards.isEmpty() && !check.concatenates ? classFile : GuardWeaver.weave(model, check.guards, lookup);
    }

    /** The checks of one class; refusals are thrown as {@link ClassRejectedException}. */
    private final class Check {
        private final ClassLookup lookup;
        private final Map<String, ClassModel> pendingModels = new HashMap<>();
        // Guarded calls, keyed "owner#name descriptor" as the code names them: the guard is found by
        // the class that declares the member, so a snippet subclass of Random is guarded too.
        final Map<String, Guards.Guard> guards = new HashMap<>();
        // Whether it concatenates objects into strings, which GuardWeaver turns into text first.
        boolean concatenates;
        private boolean isInterface;

        Check(ClassLookup lookup) {
            this.lookup = lookup;
        }

        void classModel(ClassModel c) throws ClassRejectedException {
            if (c.superclass().isPresent()) {
                type(c.superclass().get().asSymbol());
            }
            for (var i : c.interfaces()) {
                type(i.asSymbol());
            }
            // Code first: a refusal then names the call ("Class.getClassLoader()"), not the type of
            // the variable JShell keeps its value in.
            isInterface = c.flags().has(java.lang.reflect.AccessFlag.INTERFACE);
            for (MethodModel m : c.methods()) {
                method(m);
            }
            for (FieldModel f : c.fields()) {
                type(f.fieldTypeSymbol());
            }
        }

        private void method(MethodModel m) throws ClassRejectedException {
            String name = m.methodName().stringValue();
            if (m.flags().has(java.lang.reflect.AccessFlag.SYNCHRONIZED)) {
                throw refuse("synchronized methods are not allowed in snippets (" + name
                        + "): a lock a snippet holds could stall the server");
            }
            if (m.flags().has(java.lang.reflect.AccessFlag.NATIVE)) {
                throw refuse("native methods are not allowed in snippets (" + name + ")");
            }
            if (name.equals("finalize") && m.methodType().equalsString("()V")) {
                throw refuse("finalize() is not allowed in snippets");
            }
            if (name.equals("printStackTrace") && m.methodType().equalsString("()V") && isInterface) {
                // Called through the interface, a throwable's printStackTrace() would print to the server's stderr.
                throw refuse("an interface may not declare printStackTrace() in snippets");
            }
            descriptor(m.methodTypeSymbol());
            var code = m.findAttribute(java.lang.classfile.Attributes.code());
            if (code.isPresent()) {
                for (CodeElement e : (CodeModel) code.get()) {
                    element(e);
                }
            }
        }

        private void element(CodeElement e) throws ClassRejectedException {
            switch (e) {
                case InvokeInstruction i -> {
                    String declaring = method(i.owner().asSymbol(), i.name().stringValue(), i.type().stringValue());
                    descriptor(i.typeSymbol());
                    Guards.Guard g = declaring == null ? null
                            : Guards.of(declaring, i.name().stringValue(), i.type().stringValue());
                    if (g != null) {
                        guards.put(i.owner().asInternalName() + "#" + i.name().stringValue() + i.type().stringValue(), g);
                    }
                }
                case FieldInstruction f -> {
                    field(f.owner().asSymbol(), f.name().stringValue());
                    type(f.typeSymbol());
                }
                case InvokeDynamicInstruction indy -> {
                    descriptor(indy.typeSymbol());
                    bootstrap(indy.bootstrapMethod());
                    concatenates |= indy.bootstrapMethod().owner().descriptorString()
                            .equals("Ljava/lang/invoke/StringConcatFactory;")
                            && indy.typeSymbol().parameterList().stream().anyMatch(GuardWeaver::walkedInConcat)
                            || indy.bootstrapMethod().owner().descriptorString().equals("Ljava/lang/runtime/ObjectMethods;");
                    for (ConstantDesc arg : indy.bootstrapArgs()) {
                        constant(arg);
                    }
                }
                case NewObjectInstruction n -> type(n.className().asSymbol());
                case NewReferenceArrayInstruction a -> type(a.componentType().asSymbol());
                case NewMultiArrayInstruction a -> type(a.arrayType().asSymbol());
                case TypeCheckInstruction t -> type(t.type().asSymbol());
                case ConstantInstruction.LoadConstantInstruction ldc -> constant(ldc.constantValue());
                case MonitorInstruction mon -> throw refuse(
                        "synchronized blocks are not allowed in snippets: a lock a snippet holds could stall the server");
                case ExceptionCatch c -> {
                    if (c.catchType().isPresent()) {
                        type(c.catchType().get().asSymbol());
                    }
                }
                default -> { }
            }
        }

        private void constant(ConstantDesc c) throws ClassRejectedException {
            switch (c) {
                case ClassDesc cd -> type(cd);
                case MethodTypeDesc mt -> descriptor(mt);
                case DirectMethodHandleDesc mh -> handle(mh);
                case MethodHandleDesc other -> throw refuse("a method handle constant of an unexpected kind: " + other);
                case DynamicConstantDesc<?> d -> {
                    bootstrap(d.bootstrapMethod());
                    type(d.constantType());
                    for (ConstantDesc arg : d.bootstrapArgs()) {
                        constant(arg);
                    }
                }
                default -> { } // strings and numbers
            }
        }

        private void handle(DirectMethodHandleDesc mh) throws ClassRejectedException {
            switch (mh.kind()) {
                case GETTER, SETTER, STATIC_GETTER, STATIC_SETTER -> {
                    field(mh.owner(), mh.methodName());
                    type(ClassDesc.ofDescriptor(mh.lookupDescriptor()));
                }
                default -> {
                    String declaring = method(mh.owner(), mh.methodName(), mh.lookupDescriptor());
                    descriptor(MethodTypeDesc.ofDescriptor(mh.lookupDescriptor()));
                    Guards.Guard g = declaring == null ? null : Guards.of(declaring, mh.methodName(), mh.lookupDescriptor());
                    if ((g instanceof Guards.Guard.Redirect || g instanceof Guards.Guard.Walked)
                            && mh.kind() != DirectMethodHandleDesc.Kind.CONSTRUCTOR) {
                        guards.put(internal(mh.owner()) + "#" + mh.methodName() + mh.lookupDescriptor(), g);
                    } else if (g != null) {
                        // Its size is checked around the call, which a method reference has not got.
                        throw refuse(describe(binary(mh.owner()), mh.methodName(), mh.lookupDescriptor())
                                + " cannot be used as a method reference in snippets: write it as a lambda");
                    }
                }
            }
        }

        private void bootstrap(DirectMethodHandleDesc bsm) throws ClassRejectedException {
            String owner = binary(bsm.owner());
            if (!policy.bootstrapAllowed(owner, bsm.methodName())) {
                throw refuse(owner + "." + bsm.methodName() + " is not allowed as a bootstrap method in snippets");
            }
        }

        private void descriptor(MethodTypeDesc t) throws ClassRejectedException {
            type(t.returnType());
            for (ClassDesc p : t.parameterList()) {
                type(p);
            }
        }

        private void type(ClassDesc t) throws ClassRejectedException {
            ClassDesc c = t;
            while (c.isArray()) {
                c = c.componentType();
            }
            if (c.isPrimitive()) {
                return;
            }
            String name = binary(c);
            if (name.startsWith(SNIPPET_PREFIX)) {
                return;
            }
            Policy.Verdict v = policy.type(name);
            if (!v.allowed()) {
                throw refuse(v.never() ? name + " is never allowed in snippets" : name + " is not allowed in the "
                        + policy.tier() + " tier");
            }
        }

        /** Checks a method reference; returns the host class declaring it (internal name), or null for the snippet's own. */
        private String method(ClassDesc owner, String name, String descriptor) throws ClassRejectedException {
            if (owner.isArray()) {
                if (name.equals("clone")) {
                    return null;
                }
                owner = java.lang.constant.ConstantDescs.CD_Object;
            }
            type(owner);
            return member(binary(owner), name, descriptor, false);
        }

        private void field(ClassDesc owner, String name) throws ClassRejectedException {
            type(owner);
            member(binary(owner), name, null, true);
        }

        /** Resolves a member through snippet classes to the host class that declares it, and judges it there. */
        private String member(String owner, String name, String descriptor, boolean isField) throws ClassRejectedException {
            String at = owner;
            for (int hops = 0; at != null && at.startsWith(SNIPPET_PREFIX); hops++) {
                if (hops > 64) {
                    throw refuse("the class hierarchy of " + owner + " is too deep to check");
                }
                Snippet s = snippet(at);
                if (s.declares(name, descriptor, isField)) {
                    return null; // the snippet's own member
                }
                // A member it inherits: from its superclass, or (methods) a default of an interface.
                String next = s.superName;
                for (String i : s.interfaces) {
                    if (!i.startsWith(SNIPPET_PREFIX)) {
                        Class<?> host = hostClass(i);
                        if (isField ? HostMembers.declaringField(host, name) != null
                                : HostMembers.declaringMethod(host, name, descriptor) != null) {
                            next = i;
                            break;
                        }
                    } else if (snippet(i).declares(name, descriptor, isField)) {
                        return null;
                    }
                }
                at = next;
            }
            if (at == null) {
                throw refuse(owner + " has no member " + name + " that could be checked");
            }
            return hostMember(at, name, descriptor, isField);
        }

        private String hostMember(String owner, String name, String descriptor, boolean isField) throws ClassRejectedException {
            String key = owner + "#" + name + (isField ? "" : descriptor);
            String known = hostAllowed.get(key);
            if (known != null) {
                return known;
            }
            String refusal = hostRefusals.get(key);
            if (refusal != null) {
                throw refuse(refusal);
            }
            Class<?> c = hostClass(owner);
            Class<?> declaring = isField ? HostMembers.declaringField(c, name) : HostMembers.declaringMethod(c, name, descriptor);
            String at = declaring == null ? owner : declaring.getName();
            Policy.Verdict v = policy.member(at, name, isField ? "()" : descriptor);
            if (v.allowed()) {
                String declaringInternal = at.replace('.', '/');
                hostAllowed.put(key, declaringInternal);
                return declaringInternal;
            }
            String what = describe(at, name, isField ? null : descriptor);
            String reason = v.never() ? what + " is never allowed in snippets"
                    : what + " is not allowed in the " + policy.tier() + " tier";
            hostRefusals.put(key, reason);
            throw refuse(reason);
        }

        private Class<?> hostClass(String name) throws ClassRejectedException {
            return lookup.loaded(name).orElseThrow(() -> refuse(name + " cannot be found to be checked"));
        }

        private Snippet snippet(String name) throws ClassRejectedException {
            var bytes = lookup.pending(name);
            if (bytes.isPresent()) {
                ClassModel m = pendingModels.computeIfAbsent(name, n -> ClassFile.of().parse(bytes.get()));
                return Snippet.of(m);
            }
            var loaded = lookup.loaded(name);
            if (loaded.isPresent()) {
                return Snippet.of(loaded.get());
            }
            throw refuse(name + " cannot be found to be checked");
        }

        private ClassRejectedException refuse(String reason) {
            return new ClassRejectedException(reason);
        }
    }

    /** A snippet class's superclass, interfaces and declared members. */
    private record Snippet(String superName, List<String> interfaces, java.util.Set<String> members) {

        static Snippet of(ClassModel m) {
            java.util.Set<String> members = new java.util.HashSet<>();
            m.methods().forEach(x -> members.add(x.methodName().stringValue() + x.methodType().stringValue()));
            m.fields().forEach(x -> members.add(x.fieldName().stringValue()));
            return new Snippet(m.superclass().map(s -> binary(s.asSymbol())).orElse(null),
                    m.interfaces().stream().map(i -> binary(i.asSymbol())).toList(), members);
        }

        static Snippet of(Class<?> c) {
            java.util.Set<String> members = new java.util.HashSet<>();
            for (var x : c.getDeclaredMethods()) {
                members.add(x.getName() + java.lang.invoke.MethodType.methodType(x.getReturnType(), x.getParameterTypes())
                        .toMethodDescriptorString());
            }
            for (var x : c.getDeclaredConstructors()) {
                members.add("<init>" + java.lang.invoke.MethodType.methodType(void.class, x.getParameterTypes())
                        .toMethodDescriptorString());
            }
            for (var x : c.getDeclaredFields()) {
                members.add(x.getName());
            }
            return new Snippet(c.getSuperclass() == null ? null : c.getSuperclass().getName(),
                    java.util.Arrays.stream(c.getInterfaces()).map(Class::getName).toList(), members);
        }

        boolean declares(String name, String descriptor, boolean isField) {
            return members.contains(isField ? name : name + descriptor);
        }
    }

    static String binary(ClassDesc c) {
        String d = c.descriptorString();
        return d.substring(1, d.length() - 1).replace('/', '.');
    }

    private static String internal(ClassDesc c) {
        String d = c.descriptorString();
        return d.substring(1, d.length() - 1);
    }

    /** "java.lang.System.exit(int)", "new java.lang.ProcessBuilder(String[])", "java.lang.System.out". */
    static String describe(String owner, String name, String descriptor) {
        if (descriptor == null) {
            return owner + "." + name;
        }
        MethodTypeDesc t = MethodTypeDesc.ofDescriptor(descriptor);
        StringBuilder params = new StringBuilder();
        for (ClassDesc p : t.parameterList()) {
            if (!params.isEmpty()) {
                params.append(", ");
            }
            params.append(p.displayName());
        }
        return (name.equals("<init>") ? "new " + owner : owner + "." + name) + "(" + params + ")";
    }
}
