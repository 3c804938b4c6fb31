package dev.cantrip.repl;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;

/**
 * The slow paths of one instance's {@link SnippetHolder} checks, and the switches that send
 * snippet code to them. Snippet code runs only on the thread of a run in progress: anywhere else
 * (a host thread calling a snippet's lambda or {@code toString()} later) its first check throws
 * {@link OutsideRunError}, so code outside a run is never outside a budget.
 */
final class RunGuard {

    /** Thrown into snippet code to stop it; one shared instance, without a stack trace. */
    static final class StopSignal extends Error {
        private static final long serialVersionUID = 1L;

        private StopSignal() {
            super("snippet stopped", null, false, false);
        }
    }

    static final StopSignal STOP = new StopSignal();

    private final Field alert;
    private final Field runThread;
    private final Field depth;
    private final Field maxDepth;
    // Mirrors of the holder's fields, for the slow paths.
    private volatile Thread thread;
    private volatile RunContext context;

    private RunGuard(Class<?> holder) throws ReflectiveOperationException {
        alert = holder.getField("alert");
        runThread = holder.getField("runThread");
        depth = holder.getField("depth");
        maxDepth = holder.getField("maxDepth");
        holder.getField("slow").set(null, (Runnable) this::slowCheck);
        holder.getField("tooDeep").set(null, (Runnable) this::tooDeep);
        holder.getField("charge").set(null, (LongConsumer) this::charge);
        holder.getField("chargeDims").set(null, (ObjIntConsumer<int[]>) this::chargeDims);
        holder.getField("vmError").set(null, (java.util.function.Consumer<Throwable>) this::vmError);
    }

    /** Points a freshly defined holder class at this instance's streams and a new guard. */
    static RunGuard install(Class<?> holder, SessionIO io) throws ReflectiveOperationException {
        holder.getField("out").set(null, io.stream());
        holder.getField("err").set(null, io.stream());
        holder.getField("in").set(null, InputStream.nullInputStream());
        return new RunGuard(holder);
    }

    /** A run starts on the calling thread: its code may run here, from call depth zero. */
    synchronized void begin(RunContext run, int callDepth) {
        context = run;
        thread = Thread.currentThread();
        set(depth, 0);
        set(maxDepth, callDepth);
        set(alert, false);
        set(runThread, thread);
    }

    /**
     * The run on the calling thread is over: snippet code runs nowhere until the next one begins.
     * (A run given up while stuck inside the JDK ends late, maybe after another has begun: it
     * leaves that one alone.)
     */
    synchronized void end() {
        if (thread != Thread.currentThread()) {
            return;
        }
        set(runThread, null);
        set(alert, false);
        thread = null;
        context = null;
    }

    /** Sends every check to the slow path (to stop the run, or end its slice). Any thread. */
    void raise() {
        set(alert, true);
    }

    /** Lets checks take the fast path again (a slice ended, the run goes on). */
    void lower() {
        set(alert, false);
    }

    private void slowCheck() {
        RunContext c = context;
        if (c == null || Thread.currentThread() != thread) {
            throw new OutsideRunError(Thread.currentThread());
        }
        c.alerted();
    }

    private void tooDeep() {
        RunContext c = context;
        if (c == null || Thread.currentThread() != thread) {
            throw new OutsideRunError(Thread.currentThread());
        }
        c.tooDeep();
    }

    private void charge(long bytes) {
        RunContext c = context;
        if (c == null || Thread.currentThread() != thread) {
            throw new OutsideRunError(Thread.currentThread());
        }
        c.chargeAllocation(bytes);
    }

    private void vmError(Throwable error) {
        RunContext c = context;
        if (c == null || Thread.currentThread() != thread) {
            throw new OutsideRunError(Thread.currentThread());
        }
        c.vmError(error);
    }

    private void chargeDims(int[] dims, int shift) {
        long arrays = 1;
        double bytes = 0;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0) {
                return; // empty, or NegativeArraySizeException from the JVM itself
            }
            if (i == dims.length - 1) {
                bytes += (double) arrays * dims[i] * (1L << shift);
            } else {
                bytes += (double) arrays * (16 + 4.0 * dims[i]);
                arrays *= dims[i];
            }
        }
        charge(bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes);
    }

    private static void set(Field f, Object value) {
        try {
            f.set(null, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the snippet holder's field " + f.getName() + " cannot be set", e);
        }
    }

    /**
     * Snippet code was called where no run of its session is in progress: by host code on another
     * thread, or after the run ended. It is refused rather than run without a budget.
     */
    static final class OutsideRunError extends Error {
        private static final long serialVersionUID = 1L;

        OutsideRunError(Thread on) {
            super("snippet code can only run inside a run of its own session, not on " + on.getName()
                    + " outside one", null, false, false);
        }
    }
}
