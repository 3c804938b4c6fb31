package dev.cantrip.repl;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The engine's own rewriting of every snippet class, after the host's {@link ClassGate}:
 * <ul>
 *   <li>a check ({@link SnippetHolder}) at each method's start, before each backward branch and
 *       on the way into each exception handler, so a run can be stopped, and stays stopped: a
 *       handler that catches the stop (a {@code catch (Throwable)}, a {@code finally}) is entered
 *       through a check placed after the method's code (which also ends the run if what was caught
 *       is the JVM's own error: a stack overflow, out of memory), outside every protected range, which
 *       throws it on out of the method (javac makes handlers that cover themselves, as for
 *       {@code finally { continue; }}: a check inside the handler would catch its own throw for
 *       ever);
 *   <li>each static initializer tells the holder, as it returns, that its class is initialized (a
 *       class with static references and no initializer is given one): the session's measure of what
 *       it keeps reads the static fields of those classes only, as reading any other would run its
 *       initializer outside a run;
 *   <li>call depth counted at method entry and exit (static initializers aside; a constructor's
 *       exceptions are counted out from its {@code super(...)} or {@code this(...)} call on, as
 *       the JVM lets no handler cover the code before it);
 *   <li>arrays charged to the allocation budget before they are made;
 *   <li>{@code System.out}, {@code System.err} and {@code System.in} read from the holder instead
 *       of the process's streams; {@code printStackTrace()} on any throwable (called, or as a
 *       method reference), and {@code Thread.dumpStack()}, print to the session's stream.
 * </ul>
 * Stack maps are recomputed, which needs the class hierarchy: the resolver given finds snippet
 * classes (of the batch being loaded and of earlier ones) as well as host and JDK classes.
 */
final class SnippetRewriter {

    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final MethodTypeDesc PRINT_TO = MethodTypeDesc.of(ConstantDescs.CD_void, PRINT_STREAM);
    private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");
    private static final MethodTypeDesc CHARGE_ARRAY = MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int,
            ConstantDescs.CD_int);
    private static final MethodTypeDesc CHARGE_DIMS = MethodTypeDesc.of(ConstantDescs.CD_void,
            ConstantDescs.CD_int.arrayType(), ConstantDescs.CD_int);

    // Throwable::printStackTrace as a method reference prints to the session too.
    private static final DirectMethodHandleDesc PRINT_STACK_TRACE_HANDLE = MethodHandleDesc.ofMethod(
            DirectMethodHandleDesc.Kind.STATIC, SnippetHolder.DESC, SnippetHolder.PRINT_STACK_TRACE,
            MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Throwable));

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
        ClassModel model = classFile.parse(bytes);
        ClassDesc self = model.thisClass().asSymbol();
        boolean hasInitializer = model.methods().stream()
                .anyMatch(m -> m.methodName().equalsString(ConstantDescs.CLASS_INIT_NAME));
        boolean holdsReferences = model.fields().stream()
                .anyMatch(f -> f.flags().has(AccessFlag.STATIC) && !f.fieldTypeSymbol().isPrimitive());
        return classFile.transformClass(model, new ClassTransform() {
            @Override
            public void accept(ClassBuilder clb, ClassElement ce) {
                if (ce instanceof MethodModel method) {
                    String name = method.methodName().stringValue();
                    boolean initializer = name.equals(ConstantDescs.CLASS_INIT_NAME);
                    boolean constructor = name.equals(ConstantDescs.INIT_NAME);
                    clb.transformMethod(method, (mb, me) -> {
                        if (me instanceof CodeModel code) {
                            mb.transformCode(code, new Weaver(initializer ? self : null, constructor));
                        } else {
                            mb.with(me);
                        }
                    });
                } else {
                    clb.with(ce);
                }
            }

            @Override
            public void atEnd(ClassBuilder clb) {
                // A class with static references and no initializer of its own is given one that only
                // says it is initialized: its fields may be set from elsewhere later.
                if (holdsReferences && !hasInitializer) {
                    clb.withMethodBody(ConstantDescs.CLASS_INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_STATIC,
                            cob -> initialized(cob, self).return_());
                }
            }
        });
    }

    /** Tells the holder that {@code self}'s static initializer has run (just before it returns). */
    private static CodeBuilder initialized(CodeBuilder b, ClassDesc self) {
        return b.loadConstant(self).invokestatic(SnippetHolder.DESC, SnippetHolder.INITIALIZED,
                MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Class));
    }

    private boolean isPrintStackTraceHandle(ConstantDesc arg) {
        return arg instanceof DirectMethodHandleDesc mh
                && (mh.kind() == DirectMethodHandleDesc.Kind.VIRTUAL || mh.kind() == DirectMethodHandleDesc.Kind.SPECIAL)
                && mh.methodName().equals("printStackTrace") && mh.lookupDescriptor().equals("()V")
                && isThrowable.test(mh.owner());
    }

    private final class Weaver implements CodeTransform {
        private final Set<Label> seen = new HashSet<>();
        // Each handler's way in: original handler label -> the check that leads to it.
        private final Map<Label, Label> entries = new LinkedHashMap<>();
        private final boolean counted;
        private final boolean constructor;
        // The class, in its static initializer (which is not counted): told to the holder at each return.
        private final ClassDesc initializing;
        private Label bodyStart;
        // In a constructor: objects made with "new" whose <init> has not been called yet. The
        // first <init> call with none pending is the constructor's own super(...) or this(...).
        private int pendingNews;

        Weaver(ClassDesc initializing, boolean constructor) {
            this.initializing = initializing;
            this.counted = initializing == null;
            this.constructor = constructor;
        }

        @Override
        public void atStart(CodeBuilder b) {
            if (counted) {
                b.invokestatic(SnippetHolder.DESC, SnippetHolder.ENTER, ConstantDescs.MTD_void);
                if (!constructor) {
                    bodyStart = b.newBoundLabel();
                }
            } else {
                check(b);
            }
        }

        @Override
        public void atEnd(CodeBuilder b) {
            if (counted && bodyStart != null) {
                // Last in the exception table, so every handler of the method's own comes first.
                Label bodyEnd = b.newBoundLabel();
                Label leave = b.newBoundLabel();
                b.invokestatic(SnippetHolder.DESC, SnippetHolder.EXIT, ConstantDescs.MTD_void).athrow();
                b.exceptionCatchAll(bodyStart, bodyEnd, leave);
            }
            // Covered by no range: a stop thrown here leaves the method.
            entries.forEach((handler, entry) -> {
                b.labelBinding(entry);
                b.dup().invokestatic(SnippetHolder.DESC, SnippetHolder.CAUGHT,
                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Throwable));
                check(b);
                b.goto_(handler);
            });
        }

        @Override
        public void accept(CodeBuilder b, CodeElement e) {
            switch (e) {
                case LabelTarget t -> {
                    seen.add(t.label());
                    b.with(e);
                }
                case ExceptionCatch c -> {
                    Label entry = entries.computeIfAbsent(c.handler(), h -> b.newLabel());
                    if (c.catchType().isPresent()) {
                        b.exceptionCatch(c.tryStart(), c.tryEnd(), entry, c.catchType().get());
                    } else {
                        b.exceptionCatchAll(c.tryStart(), c.tryEnd(), entry);
                    }
                }
                case BranchInstruction br when seen.contains(br.target()) -> {
                    check(b);
                    b.with(e);
                }
                case TableSwitchInstruction sw when backward(sw.defaultTarget(), sw.cases().stream().map(SwitchCase::target)) -> {
                    check(b);
                    b.with(e);
                }
                case LookupSwitchInstruction sw when backward(sw.defaultTarget(), sw.cases().stream().map(SwitchCase::target)) -> {
                    check(b);
                    b.with(e);
                }
                case NewObjectInstruction n when constructor -> {
                    pendingNews++;
                    b.with(e);
                }
                case InvokeInstruction i when constructor && i.opcode() == Opcode.INVOKESPECIAL
                        && i.name().equalsString(ConstantDescs.INIT_NAME) -> {
                    b.with(e);
                    if (pendingNews > 0) {
                        pendingNews--;
                    } else if (bodyStart == null) {
                        bodyStart = b.newBoundLabel(); // after super(...): a handler may cover the rest
                    }
                }
                case ReturnInstruction r when counted -> {
                    b.invokestatic(SnippetHolder.DESC, SnippetHolder.EXIT, ConstantDescs.MTD_void);
                    b.with(e);
                }
                case ReturnInstruction r -> {
                    initialized(b, initializing);
                    b.with(e);
                }
                case NewPrimitiveArrayInstruction a -> {
                    b.dup().loadConstant(SnippetHolder.elementShift(a.typeKind()))
                            .invokestatic(SnippetHolder.DESC, SnippetHolder.CHARGE_ARRAY, CHARGE_ARRAY);
                    b.with(e);
                }
                case NewReferenceArrayInstruction a -> {
                    b.dup().loadConstant(SnippetHolder.elementShift(TypeKind.REFERENCE))
                            .invokestatic(SnippetHolder.DESC, SnippetHolder.CHARGE_ARRAY, CHARGE_ARRAY);
                    b.with(e);
                }
                case NewMultiArrayInstruction a -> chargeDims(b, a);
                case FieldInstruction f when f.opcode() == Opcode.GETSTATIC && isSystemStream(f) ->
                        b.getstatic(SnippetHolder.DESC, f.name().stringValue(), f.typeSymbol());
                case InvokeInstruction i when isPrintStackTrace(i) -> {
                    b.getstatic(SnippetHolder.DESC, "err", PRINT_STREAM);
                    if (i.opcode() == Opcode.INVOKESPECIAL) {
                        b.invokespecial(i.owner().asSymbol(), "printStackTrace", PRINT_TO);
                    } else {
                        b.invokevirtual(ConstantDescs.CD_Throwable, "printStackTrace", PRINT_TO);
                    }
                }
                case InvokeDynamicInstruction indy when indy.bootstrapArgs().stream().anyMatch(SnippetRewriter.this::isPrintStackTraceHandle) ->
                        b.invokedynamic(DynamicCallSiteDesc.of(indy.bootstrapMethod(), indy.name().stringValue(),
                                indy.typeSymbol(), indy.bootstrapArgs().stream()
                                        .map(a -> isPrintStackTraceHandle(a) ? PRINT_STACK_TRACE_HANDLE : a)
                                        .toArray(ConstantDesc[]::new)));
                case InvokeInstruction i when i.opcode() == Opcode.INVOKESTATIC && i.owner().asSymbol().equals(THREAD)
                        && i.name().equalsString("dumpStack") && i.type().equalsString("()V") ->
                        b.invokestatic(SnippetHolder.DESC, SnippetHolder.DUMP_STACK, ConstantDescs.MTD_void);
                default -> b.with(e);
            }
        }

        private boolean backward(Label defaultTarget, java.util.stream.Stream<Label> cases) {
            return seen.contains(defaultTarget) || cases.anyMatch(seen::contains);
        }

        /** The dimensions are on the stack: kept in fresh locals, charged as an array, put back. */
        private void chargeDims(CodeBuilder b, NewMultiArrayInstruction a) {
            int n = a.dimensions();
            int[] slots = new int[n];
            for (int i = n - 1; i >= 0; i--) {
                slots[i] = b.allocateLocal(TypeKind.INT);
                b.istore(slots[i]);
            }
            b.loadConstant(n).newarray(TypeKind.INT);
            for (int i = 0; i < n; i++) {
                b.dup().loadConstant(i).iload(slots[i]).iastore();
            }
            ClassDesc leaf = a.arrayType().asSymbol();
            for (int i = 0; i < n; i++) {
                leaf = leaf.componentType();
            }
            b.loadConstant(SnippetHolder.elementShift(TypeKind.from(leaf)))
                    .invokestatic(SnippetHolder.DESC, SnippetHolder.CHARGE_DIMS, CHARGE_DIMS);
            for (int i = 0; i < n; i++) {
                b.iload(slots[i]);
            }
            b.with(a);
        }

        private void check(CodeBuilder b) {
            b.invokestatic(SnippetHolder.DESC, SnippetHolder.CHECK, ConstantDescs.MTD_void);
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
