package dev.cantrip.repl;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.function.LongConsumer;
import java.util.function.ObjIntConsumer;

/**
 * The slow paths of one instance's {@link SnippetHolder} checks, and the switches that send
 * snippet code to them. Snippet code runs only on the thread of a run in progress
 * ({@link RunContext#current()}): anywhere else (a host thread calling a snippet's lambda or
 * {@code toString()} outside any run) its first check throws {@link OutsideRunError}, so code
 * outside a run is never outside a budget.
 *
 * <p>Several runs may use an instance's code at once (an evaluation, a callback a snippet handed
 * to {@code delay}, background work). The first to begin holds the <em>fast lane</em>: its checks
 * and its call depth stay inside the holder (two field reads). The others take the slow path at
 * every check, and count their depth in their own {@link RunContext}.
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
    // The run holding the fast lane and its thread (mirrors of the holder's runThread), or null.
    private volatile Thread thread;
    private volatile RunContext context;

    private RunGuard(Class<?> holder) throws ReflectiveOperationException {
        alert = holder.getField("alert");
        runThread = holder.getField("runThread");
        depth = holder.getField("depth");
        maxDepth = holder.getField("maxDepth");
        holder.getField("slow").set(null, (Runnable) this::slowCheck);
        holder.getField("tooDeep").set(null, (Runnable) this::tooDeep);
        holder.getField("slowEnter").set(null, (Runnable) this::slowEnter);
        holder.getField("slowExit").set(null, (Runnable) this::slowExit);
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

    /**
     * A run starts on the calling thread: it takes the fast lane if no other run holds it, from
     * call depth zero. Returns whether it did (if not, the run counts its depth itself).
     */
    synchronized boolean begin(RunContext run, int callDepth) {
        if (thread != null) {
            return false;
        }
        context = run;
        thread = Thread.currentThread();
        set(depth, 0);
        set(maxDepth, callDepth);
        set(alert, false);
        set(runThread, thread);
        return true;
    }

    /**
     * The run on the calling thread is over: it gives up the fast lane if it held it. (A run given
     * up while stuck inside the JDK ends late, maybe after another has taken the lane: it leaves
     * that one alone.)
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

    /**
     * Sends the fast lane's checks to the slow path (to stop its run, or end its slice), if
     * {@code run} holds it. Any thread.
     */
    void raise(RunContext run) {
        if (context == run) {
            set(alert, true);
        }
    }

    /** Lets the fast lane's checks take the fast path again (a slice ended, the run goes on). */
    void lower(RunContext run) {
        if (context == run) {
            set(alert, false);
        }
    }

    /** The run of the calling thread; refused when there is none. */
    private static RunContext here() {
        RunContext c = RunContext.current();
        if (c == null) {
            throw new OutsideRunError(Thread.currentThread());
        }
        return c;
    }

    private void slowCheck() {
        here().alerted();
    }

    private void slowEnter() {
        RunContext c = here();
        c.alerted();
        if (Thread.currentThread() == thread) {
            // The fast lane's own run, sent here by its alert: its depth lives in the holder.
            int d = getInt(depth) + 1;
            set(depth, d);
            if (d > getInt(maxDepth)) {
                c.tooDeep();
            }
        } else {
            c.enterLane();
        }
    }

    private void slowExit() {
        RunContext c = RunContext.current();
        if (c != null) {
            c.exitLane();
        }
    }

    private void tooDeep() {
        here().tooDeep();
    }

    private void charge(long bytes) {
        here().chargeAllocation(bytes);
    }

    private void vmError(Throwable error) {
        here().vmError(error);
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

    private static int getInt(Field f) {
        try {
            return f.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the snippet holder's field " + f.getName() + " cannot be read", e);
        }
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
