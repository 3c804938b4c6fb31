package dev.cantrip.repl;

import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;

/**
 * The small class, {@value #NAME}, generated into each instance's own loader, that rewritten
 * snippet code calls ({@link SnippetRewriter}): its standard streams, and the checks at method
 * entry, backward branches, exception handlers and array allocations. The common case of each
 * check is a field read or two inside this class, which the JIT inlines; anything else goes to the
 * instance's {@link RunGuard}.
 *
 * <p>Snippet code cannot name this class: javac does not know it, and a sandbox's gate sees the
 * code before the calls to it are added.
 */
final class SnippetHolder {

    static final String NAME = "REPL.$Cantrip";
    static final ClassDesc DESC = ClassDesc.of(NAME);

    /** {@code ()V}: at backward branches and exception handlers. */
    static final String CHECK = "check";
    /** {@code ()V}: at method entry; counts the call depth. */
    static final String ENTER = "enter";
    /** {@code ()V}: before each return; exceptions leave through a handler that calls it too. */
    static final String EXIT = "exit";
    /** {@code (II)V}: element count and log2 of the element size, before a one-dimension array. */
    static final String CHARGE_ARRAY = "chargeArray";
    /** {@code ([II)V}: dimensions and log2 of the innermost element size, before a multi-dimension array. */
    static final String CHARGE_DIMS = "chargeDims";
    /**
     * {@code (Ljava/lang/Throwable;)V}: on the way into an exception handler, with what it caught:
     * the JVM's own errors (stack overflow, out of memory) end the run instead of being handled.
     */
    static final String CAUGHT = "caught";
    /** {@code (Ljava/lang/Throwable;)V}: {@code Throwable::printStackTrace} as a method reference, to the session. */
    static final String PRINT_STACK_TRACE = "printStackTrace";
    /** {@code ()V}: {@code Thread.dumpStack()} for snippets, to their own error stream. */
    static final String DUMP_STACK = "dumpStack";
    /**
     * {@code (Ljava/lang/Class;)V}: as a snippet class's static initializer returns, with the class:
     * its static fields can then be read without running anything (what the session keeps).
     */
    static final String INITIALIZED = "initialized";

    /** Arrays this small are left to the sampled allocation counter. */
    static final int SMALL_ARRAY = 4096;

    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final ClassDesc INPUT_STREAM = ClassDesc.of("java.io.InputStream");
    private static final ClassDesc THREAD = ClassDesc.of("java.lang.Thread");
    private static final ClassDesc RUNNABLE = ClassDesc.of("java.lang.Runnable");
    private static final ClassDesc LONG_CONSUMER = ClassDesc.of(LongConsumer.class.getName());
    private static final ClassDesc OBJ_INT_CONSUMER = ClassDesc.of(ObjIntConsumer.class.getName());
    private static final ClassDesc CONSUMER = ClassDesc.of("java.util.function.Consumer");

    private SnippetHolder() {}

    /** The holder's class file. */
    static byte[] classFile() {
        int pubStatic = ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC;
        int volatileStatic = pubStatic | ClassFile.ACC_VOLATILE;
        MethodTypeDesc currentThread = MethodTypeDesc.of(THREAD);
        return ClassFile.of().build(DESC, clb -> clb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                .withField("out", PRINT_STREAM, pubStatic)
                .withField("err", PRINT_STREAM, pubStatic)
                .withField("in", INPUT_STREAM, pubStatic)
                // Raised to make every check take the slow path (stop the run; later: end a slice).
                .withField("alert", ConstantDescs.CD_boolean, volatileStatic)
                // The thread of the run holding the fast lane; code on any other thread takes the slow path.
                .withField("runThread", THREAD, volatileStatic)
                // Touched only by code on runThread: other threads never get past enter().
                .withField("depth", ConstantDescs.CD_int, pubStatic)
                .withField("maxDepth", ConstantDescs.CD_int, pubStatic)
                .withField("slow", RUNNABLE, pubStatic)
                .withField("tooDeep", RUNNABLE, pubStatic)
                .withField("slowEnter", RUNNABLE, pubStatic)
                .withField("slowExit", RUNNABLE, pubStatic)
                .withField("charge", LONG_CONSUMER, pubStatic)
                .withField("chargeDims", OBJ_INT_CONSUMER, pubStatic)
                .withField("vmError", CONSUMER, pubStatic)
                .withField("inits", CONSUMER, pubStatic)
                .withMethodBody(CHECK, ConstantDescs.MTD_void, pubStatic, cob -> {
                    var slow = cob.newLabel();
                    cob.getstatic(DESC, "alert", ConstantDescs.CD_boolean)
                            .ifne(slow)
                            .invokestatic(THREAD, "currentThread", currentThread)
                            .getstatic(DESC, "runThread", THREAD)
                            .if_acmpne(slow)
                            .return_()
                            .labelBinding(slow)
                            .getstatic(DESC, "slow", RUNNABLE)
                            .invokeinterface(RUNNABLE, "run", ConstantDescs.MTD_void)
                            .return_();
                })
                // The run holding the fast lane counts its depth here; any other thread (a second run
                // of the same instance beside it, or code outside every run) goes to the guard.
                .withMethodBody(ENTER, ConstantDescs.MTD_void, pubStatic, cob -> {
                    var slow = cob.newLabel();
                    cob.getstatic(DESC, "alert", ConstantDescs.CD_boolean)
                            .ifne(slow)
                            .invokestatic(THREAD, "currentThread", currentThread)
                            .getstatic(DESC, "runThread", THREAD)
                            .if_acmpne(slow)
                            .getstatic(DESC, "depth", ConstantDescs.CD_int)
                            .iconst_1()
                            .iadd()
                            .dup()
                            .putstatic(DESC, "depth", ConstantDescs.CD_int)
                            .getstatic(DESC, "maxDepth", ConstantDescs.CD_int)
                            .ifThen(Opcode.IF_ICMPGT, deep -> deep
                                    .getstatic(DESC, "tooDeep", RUNNABLE)
                                    .invokeinterface(RUNNABLE, "run", ConstantDescs.MTD_void))
                            .return_()
                            .labelBinding(slow)
                            .getstatic(DESC, "slowEnter", RUNNABLE)
                            .invokeinterface(RUNNABLE, "run", ConstantDescs.MTD_void)
                            .return_();
                })
                .withMethodBody(EXIT, ConstantDescs.MTD_void, pubStatic, cob -> {
                    var other = cob.newLabel();
                    cob.invokestatic(THREAD, "currentThread", currentThread)
                            .getstatic(DESC, "runThread", THREAD)
                            .if_acmpne(other)
                            .getstatic(DESC, "depth", ConstantDescs.CD_int)
                            .iconst_1()
                            .isub()
                            .putstatic(DESC, "depth", ConstantDescs.CD_int)
                            .return_()
                            .labelBinding(other)
                            .getstatic(DESC, "slowExit", RUNNABLE)
                            .invokeinterface(RUNNABLE, "run", ConstantDescs.MTD_void)
                            .return_();
                })
                .withMethodBody(CHARGE_ARRAY, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int,
                        ConstantDescs.CD_int), pubStatic, cob -> cob
                        .iload(0)
                        .sipush(SMALL_ARRAY)
                        .ifThen(Opcode.IF_ICMPGT, big -> big
                                .getstatic(DESC, "charge", LONG_CONSUMER)
                                .iload(0)
                                .i2l()
                                .iload(1)
                                .lshl()
                                .invokeinterface(LONG_CONSUMER, "accept",
                                        MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long)))
                        .return_())
                .withMethodBody(CHARGE_DIMS, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_int.arrayType(),
                        ConstantDescs.CD_int), pubStatic, cob -> cob
                        .getstatic(DESC, "chargeDims", OBJ_INT_CONSUMER)
                        .aload(0)
                        .iload(1)
                        .invokeinterface(OBJ_INT_CONSUMER, "accept",
                                MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Object, ConstantDescs.CD_int))
                        .return_())
                .withMethodBody(CAUGHT, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Throwable), pubStatic,
                        cob -> cob
                        .aload(0)
                        .instanceOf(ClassDesc.of("java.lang.VirtualMachineError"))
                        .ifThen(vm -> vm
                                .getstatic(DESC, "vmError", CONSUMER)
                                .aload(0)
                                .invokeinterface(CONSUMER, "accept", MethodTypeDesc.of(ConstantDescs.CD_void,
                                        ConstantDescs.CD_Object)))
                        .return_())
                .withMethodBody(INITIALIZED, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Class), pubStatic,
                        cob -> cob
                        .getstatic(DESC, "inits", CONSUMER)
                        .aload(0)
                        .invokeinterface(CONSUMER, "accept", MethodTypeDesc.of(ConstantDescs.CD_void,
                                ConstantDescs.CD_Object))
                        .return_())
                .withMethodBody(PRINT_STACK_TRACE, MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_Throwable),
                        pubStatic, cob -> cob
                        .aload(0)
                        .getstatic(DESC, "err", PRINT_STREAM)
                        .invokevirtual(ConstantDescs.CD_Throwable, "printStackTrace",
                                MethodTypeDesc.of(ConstantDescs.CD_void, PRINT_STREAM))
                        .return_())
                .withMethodBody(DUMP_STACK, ConstantDescs.MTD_void, pubStatic, cob -> cob
                        .new_(ConstantDescs.CD_Exception)
                        .dup()
                        .ldc("Stack trace")
                        .invokespecial(ConstantDescs.CD_Exception, ConstantDescs.INIT_NAME,
                                MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String))
                        .getstatic(DESC, "err", PRINT_STREAM)
                        .invokevirtual(ConstantDescs.CD_Throwable, "printStackTrace",
                                MethodTypeDesc.of(ConstantDescs.CD_void, PRINT_STREAM))
                        .return_()));
    }

    /** The size in bytes of an array element of this kind, as a shift (log2). */
    static int elementShift(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, BYTE -> 0;
            case CHAR, SHORT -> 1;
            case INT, FLOAT, REFERENCE -> 2; // references: compressed, as on heaps under 32 GiB
            case LONG, DOUBLE -> 3;
            case VOID -> throw new IllegalArgumentException("no arrays of void");
        };
    }
}
