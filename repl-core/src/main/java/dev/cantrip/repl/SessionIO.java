package dev.cantrip.repl;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One instance's standard streams and stop flag, as snippet code sees them. Snippet classes are
 * rewritten ({@link SnippetRewriter}) to read {@code System.out}, {@code err} and {@code in} from a
 * small class generated into the instance's own loader, {@value #HOLDER}, whose fields point here:
 * so output goes to the session that owns the code, from whatever thread the code runs on.
 */
final class SessionIO {

    /** The binary name of the generated holder class. */
    static final String HOLDER = "REPL.$Cantrip";
    static final ClassDesc HOLDER_DESC = ClassDesc.of(HOLDER);
    static final String CHECK = "check";
    static final String DUMP_STACK = "dumpStack";

    private final LineSink sink;
    private final PrintStream out;
    // The holder's stop fields, found once at install: set at the start and end of every run.
    private java.lang.reflect.Field stopField;
    private java.lang.reflect.Field stopThreadField;

    /** Thrown into snippet code to stop it; one shared instance, without a stack trace. */
    static final class StopSignal extends Error {
        private static final long serialVersionUID = 1L;

        StopSignal() {
            super("snippet stopped", null, false, false);
        }
    }

    static final StopSignal STOP = new StopSignal();

    SessionIO(int maxBytesPerRun) {
        this.sink = new LineSink(maxBytesPerRun);
        this.out = new PrintStream(sink, true, StandardCharsets.UTF_8);
    }

    /** Where printed lines go from now on (null: discarded). */
    void target(Consumer<String> lines) {
        sink.target(lines);
    }

    /** Starts a run: the output allowance is renewed. */
    void startRun() {
        sink.startRun();
    }

    /** Ends a run: a partly printed line is sent. */
    void endRun() {
        out.flush();
        sink.flushPartial();
    }

    /** The class file of the holder class, to be defined in the instance's loader. */
    static byte[] holderClass() {
        ClassDesc printStream = ClassDesc.of("java.io.PrintStream");
        ClassDesc inputStream = ClassDesc.of("java.io.InputStream");
        ClassDesc error = ClassDesc.of("java.lang.Error");
        ClassDesc thread = ClassDesc.of("java.lang.Thread");
        ClassDesc exception = ClassDesc.of("java.lang.Exception");
        int pubStatic = ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC;
        return ClassFile.of().build(HOLDER_DESC, clb -> clb
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER)
                .withField("out", printStream, pubStatic)
                .withField("err", printStream, pubStatic)
                .withField("in", inputStream, pubStatic)
                .withField("stop", ConstantDescs.CD_boolean, pubStatic | ClassFile.ACC_VOLATILE)
                .withField("stopThread", thread, pubStatic | ClassFile.ACC_VOLATILE)
                .withField("stopSignal", error, pubStatic)
                // Throws only on the thread of the run being stopped: the instance's code running
                // elsewhere at the same time (a callback on another thread) is not hit.
                .withMethodBody(CHECK, ConstantDescs.MTD_void, pubStatic, cob -> cob
                        .getstatic(HOLDER_DESC, "stop", ConstantDescs.CD_boolean)
                        .ifThen(then -> then
                                .invokestatic(thread, "currentThread", MethodTypeDesc.of(thread))
                                .getstatic(HOLDER_DESC, "stopThread", thread)
                                .ifThen(Opcode.IF_ACMPEQ, hit -> hit.getstatic(HOLDER_DESC, "stopSignal", error).athrow()))
                        .return_())
                .withMethodBody(DUMP_STACK, ConstantDescs.MTD_void, pubStatic, cob -> cob
                        .new_(exception)
                        .dup()
                        .ldc("Stack trace")
                        .invokespecial(exception, ConstantDescs.INIT_NAME,
                                MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_String))
                        .getstatic(HOLDER_DESC, "err", printStream)
                        .invokevirtual(ConstantDescs.CD_Throwable, "printStackTrace",
                                MethodTypeDesc.of(ConstantDescs.CD_void, printStream))
                        .return_()));
    }

    /** Points the freshly defined holder class at this instance's streams. */
    void install(Class<?> holder) throws ReflectiveOperationException {
        holder.getField("out").set(null, out);
        holder.getField("err").set(null, out);
        holder.getField("in").set(null, InputStream.nullInputStream());
        holder.getField("stopSignal").set(null, STOP);
        stopThreadField = holder.getField("stopThread");
        stopField = holder.getField("stop");
    }

    /** Raises (or lowers) the stop flag for code running on {@code target}. */
    void stop(boolean stop, Thread target) {
        try {
            stopThreadField.set(null, target);
            stopField.setBoolean(null, stop);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the stop fields of the snippet holder class cannot be set", e);
        }
    }

    /** Turns bytes into lines for the target, within an allowance per run. Thread-safe. */
    private static final class LineSink extends OutputStream {
        private final int maxBytesPerRun;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private Consumer<String> target;
        private long used;
        private boolean cutNoted;

        LineSink(int maxBytesPerRun) {
            this.maxBytesPerRun = maxBytesPerRun;
        }

        synchronized void target(Consumer<String> lines) {
            line.reset();
            target = lines;
        }

        synchronized void startRun() {
            used = 0;
            cutNoted = false;
        }

        @Override
        public synchronized void write(int b) {
            if (!allow(1)) {
                return;
            }
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (!allow(1)) {
                    return;
                }
                if (b[i] == '\n') {
                    emit();
                } else {
                    line.write(b[i]);
                }
            }
        }

        synchronized void flushPartial() {
            if (line.size() > 0) {
                emit();
            }
        }

        private boolean allow(int n) {
            if (used + n > maxBytesPerRun) {
                if (!cutNoted) {
                    cutNoted = true;
                    flushPartial();
                    send("[output cut: more than " + String.format("%,d", maxBytesPerRun) + " bytes printed]");
                }
                return false;
            }
            used += n;
            return true;
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            send(text);
        }

        private void send(String text) {
            Consumer<String> t = target;
            if (t != null) {
                t.accept(text);
            }
        }
    }
}
