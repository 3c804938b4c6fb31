package dev.cantrip.repl;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

/**
 * JShell's execution engine for one instance, in process: classes load through the
 * {@link SnippetLoader}; each run of snippet code (a snippet's body, a variable's value) goes
 * through the current evaluation's {@link RunContext}, so it runs where the host says, with the
 * bindings current, within the time limit; values are rendered by the {@link ValueRenderer} as
 * part of the same run.
 */
final class SnippetExecutionControl extends DirectExecutionControl {

    private static final int MAX_CAUSES = 16;
    // An exception's text and stack as kept: beyond these, no user reads them and JShell's own
    // processing of them, after the run, would be unbudgeted.
    private static final int MAX_MESSAGE_CHARS = 4_000;
    private static final int MAX_MESSAGE_LINES = 20;
    private static final int MAX_FRAMES = 200;

    private final ValueRenderer renderer;
    private volatile RunContext context;

    SnippetExecutionControl(SnippetLoader loader, ValueRenderer renderer) {
        super(loader);
        this.renderer = renderer;
    }

    /** Sets the context for the runs of the evaluation about to start (null when it is over). */
    void context(RunContext c) {
        this.context = c;
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        RunContext c = requireContext();
        try {
            return c.run(() -> {
                Object value;
                try {
                    value = doit.invoke(null);
                } catch (InvocationTargetException e) {
                    throw described(e.getCause());
                }
                return render(value);
            });
        } catch (RunContext.StoppedRun stopped) {
            throw new StoppedException();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof UserException described) {
                throw described;
            }
            throw e;
        }
    }

    /**
     * A variable's value, rendered as part of a run. A {@code toString()} that fails or is stopped
     * is described in the text rather than thrown, so a listing of variables shows every one.
     */
    @Override
    public String varValue(String className, String varName) throws InternalException {
        RunContext c = requireContext();
        Field f;
        try {
            f = findClass(className).getDeclaredField(varName);
            f.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException(e.toString());
        }
        try {
            return c.run(() -> render(f.get(null)));
        } catch (RunContext.StoppedRun stopped) {
            return "(not shown: " + c.stopReason() + ")";
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause();
            return "(not shown: its toString() threw " + (t instanceof UserException u ? u.causeExceptionClass()
                    : t.getClass().getName()) + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
        } catch (Exception e) {
            throw new InternalException(e.toString());
        }
    }

    /** Renders a value within the run; a failing {@code toString()} is the user's code throwing. */
    private String render(Object value) throws InvocationTargetException {
        try {
            return renderer.render(value);
        } catch (RunGuard.StopSignal stop) {
            throw stop;
        } catch (Throwable e) {
            throw described(e);
        }
    }

    /**
     * What the snippet threw, copied while the run is still in progress: its message, stack and
     * causes come from methods a snippet class may override ({@code getMessage()} that never
     * returns, {@code getCause()} that returns itself), so they are read under the run's budget,
     * a bounded number of causes deep. A stop, or the JVM running out of something, is passed on
     * as it is.
     */
    private static InvocationTargetException described(Throwable thrown) {
        // The JVM's own errors (not a snippet's subclass of them, whose methods it wrote) pass as they are.
        boolean jvms = thrown instanceof VirtualMachineError && thrown.getClass().getClassLoader() == null;
        if (thrown instanceof RunGuard.StopSignal || jvms || thrown instanceof SPIResolutionException) {
            return new InvocationTargetException(thrown);
        }
        return new InvocationTargetException(describe(thrown, java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<>())));
    }

    private static UserException describe(Throwable t, java.util.Set<Throwable> seen) {
        seen.add(t);
        String message;
        try {
            message = t.getMessage();
        } catch (RunGuard.StopSignal | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            message = "(its getMessage() threw " + e.getClass().getName() + ")";
        }
        StackTraceElement[] frames;
        try {
            frames = t.getStackTrace();
        } catch (RunGuard.StopSignal | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            frames = new StackTraceElement[0];
        }
        if (message != null) {
            int at = -1;
            for (int line = 0; line < MAX_MESSAGE_LINES && at < message.length(); line++) {
                at = message.indexOf('\n', at + 1);
                if (at < 0) {
                    break;
                }
            }
            if (at >= 0 && at < message.length() - 1) {
                long more = message.substring(at).lines().count() - 1;
                message = message.substring(0, at) + "\n... (" + String.format("%,d", more) + " more lines)";
            }
        }
        if (message != null && message.length() > MAX_MESSAGE_CHARS) {
            message = message.substring(0, MAX_MESSAGE_CHARS) + "... (" + String.format("%,d", message.length() - MAX_MESSAGE_CHARS)
                    + " more characters)";
        }
        frames = frames == null ? new StackTraceElement[0]
                : java.util.Arrays.copyOf(frames, Math.min(frames.length, MAX_FRAMES)); // a copy: the array is the snippet's
        for (int i = 0; i < frames.length; i++) {
            if (frames[i] == null) {
                frames[i] = new StackTraceElement("(unknown)", "(unknown)", null, -1);
            }
        }
        UserException copy = new UserException(message, t.getClass().getName(), frames);
        Throwable cause;
        try {
            cause = t.getCause();
        } catch (RunGuard.StopSignal | VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            cause = null;
        }
        if (cause != null && !seen.contains(cause) && seen.size() < MAX_CAUSES) {
            copy.initCause(describe(cause, seen));
        }
        return copy;
    }

    @Override
    public void stop() {
        RunContext c = context;
        if (c != null) {
            c.stop("it was stopped");
        }
    }

    private RunContext requireContext() throws InternalException {
        RunContext c = context;
        if (c == null) {
            throw new InternalException("snippet code ran outside an evaluation");
        }
        return c;
    }
}
