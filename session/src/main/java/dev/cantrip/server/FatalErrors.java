package dev.cantrip.server;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * Ends the process when the JVM fails (out of memory, an internal error) on any thread but a
 * snippet's own, so that a supervisor can start it again, rather than leave a server that accepts
 * connections and serves nobody.
 *
 * <p>At a full heap nothing that allocates can be relied on: the game loop's and netty's threads
 * used to die of a second {@link OutOfMemoryError} inside their own error handling, and the JVM then
 * could not even dispatch SIGTERM. So the path from the error to the exit allocates nothing until a
 * thread started in advance is woken: {@link #fatal} sets a flag, lets go of a reserve of heap kept
 * for this moment and counts down a latch. That thread then prints one line to standard error, logs
 * the error, tries to stop the server cleanly for at most the given bound (sessions told, the store
 * closed; what was acknowledged is on disk already) and halts the JVM with {@link #EXIT_STATUS},
 * whether or not the stop finished: {@link Runtime#halt}, not {@code exit}, so that no shutdown hook
 * can wait on a loop that is gone.
 *
 * <p>Snippet threads ({@code cantrip-snippet-}, {@code cantrip-async-}) are left out: their errors
 * are a run's, which the engine reports as a stopped run. {@link StackOverflowError} is not fatal
 * (one piece of work went too deep; the loop reports it and goes on).
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {

    /** The exit status after a fatal error: a supervisor should start the server again. */
    public static final int EXIT_STATUS = 3;

    private static final System.Logger LOG = System.getLogger(FatalErrors.class.getName());
    private static final int RESERVE_BYTES = 16 << 20;
    private static volatile FatalErrors installed;

    private final AtomicBoolean fired = new AtomicBoolean();
    private final CountDownLatch woken = new CountDownLatch(1);
    private final Duration stopBound;
    private final IntConsumer halt;
    private final FileOutputStream err = new FileOutputStream(FileDescriptor.err);
    private final byte[] firstLine = ("FATAL: the JVM ran out of memory (or failed) outside snippet code; the server"
            + " stops and exits with status " + EXIT_STATUS + " so that its supervisor restarts it\n")
            .getBytes(StandardCharsets.UTF_8);
    @SuppressWarnings("unused") // held only to be let go: room for the stop and the log line
    private volatile byte[] reserve = new byte[RESERVE_BYTES];
    private volatile Runnable stop;
    private volatile Thread failedOn;
    private volatile Throwable failure;

    /**
     * @param stopBound how long the clean stop may take before the JVM is halted anyway
     * @param halt ends the process with a status ({@code Runtime.getRuntime()::halt})
     */
    FatalErrors(Duration stopBound, IntConsumer halt) {
        this.stopBound = Objects.requireNonNull(stopBound, "stopBound");
        this.halt = Objects.requireNonNull(halt, "halt");
        Thread.ofPlatform().name("cantrip-fatal").daemon().start(this::finish);
    }

    /**
     * Makes this process end on a fatal error outside snippet threads: the default uncaught-exception
     * handler, and what the game loop and the network handlers report to ({@link #report}).
     */
    public static FatalErrors install(Duration stopBound) {
        FatalErrors f = new FatalErrors(stopBound, Runtime.getRuntime()::halt);
        Thread.setDefaultUncaughtExceptionHandler(f);
        installed = f;
        return f;
    }

    /** What to run, bounded, before halting: the server's clean stop, once it has started. */
    public void onFatal(Runnable cleanStop) {
        this.stop = cleanStop;
    }

    /** The installed handler's {@link #onFatal}; nothing when none is installed (an embedded server). */
    public static void whenFatal(Runnable cleanStop) {
        FatalErrors f = installed;
        if (f != null) {
            f.onFatal(cleanStop);
        }
    }

    /**
     * Ends the process for {@code error} on {@code thread} if a handler is installed and the error is
     * fatal there; returns whether it will. Allocates nothing. Any thread.
     */
    public static boolean report(Thread thread, Throwable error) {
        FatalErrors f = installed;
        if (f == null || !isFatal(error) || isSnippetThread(thread)) {
            return false;
        }
        f.fatal(thread, error);
        return true;
    }

    /** Out of memory or an internal JVM error, here or as the cause of what was thrown (netty wraps). */
    public static boolean isFatal(Throwable t) {
        for (int i = 0; t != null && i < 4; i++, t = t.getCause()) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                return true;
            }
        }
        return false;
    }

    /** Threads whose errors are a snippet run's, reported as a stopped run (by their names, set by the engine). */
    static boolean isSnippetThread(Thread t) {
        String name = t.getName();
        return name.startsWith("cantrip-snippet-") || name.startsWith("cantrip-async-");
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (isFatal(e) && !isSnippetThread(t)) {
            fatal(t, e);
            return;
        }
        try {
            // What the JVM's default handling prints.
            System.err.print("Exception in thread \"" + t.getName() + "\" ");
            e.printStackTrace(System.err);
        } catch (Throwable ignored) {
            // Nothing more can be done for a thread that is ending.
        }
    }

    /** Starts ending the process; the first call wins. Allocates nothing. */
    void fatal(Thread thread, Throwable error) {
        if (!fired.compareAndSet(false, true)) {
            return;
        }
        reserve = null;
        failedOn = thread;
        failure = error;
        woken.countDown();
    }

    private void finish() {
        try {
            woken.await();
        } catch (InterruptedException e) {
            return;
        }
        try {
            err.write(firstLine);
            err.flush();
        } catch (Throwable ignored) {
            // Standard error is gone: the log and the exit status still say it.
        }
        try {
            LOG.log(System.Logger.Level.ERROR, "fatal error on thread " + failedOn.getName()
                    + "; stopping (at most " + stopBound.toSeconds() + " s), then exiting with status " + EXIT_STATUS,
                    failure);
        } catch (Throwable ignored) {
            // Out of memory again: go on to the stop and the halt.
        }
        Runnable s = stop;
        if (s != null) {
            try {
                Thread stopper = Thread.ofPlatform().name("cantrip-fatal-stop").daemon().start(() -> {
                    try {
                        s.run();
                    } catch (Throwable ignored) {
                        // The halt comes anyway.
                    }
                });
                stopper.join(stopBound);
            } catch (Throwable ignored) {
                // No thread could be started, or the wait was interrupted: halt now.
            }
        }
        halt.accept(EXIT_STATUS);
    }
}
