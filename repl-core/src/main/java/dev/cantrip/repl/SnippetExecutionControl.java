package dev.cantrip.repl;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's execution engine for one instance, in process: classes load through the
 * {@link SnippetLoader}; each run of snippet code (a snippet's body, a variable's value) goes
 * through the current evaluation's {@link RunContext}, so it runs where the host says, with the
 * bindings current, within the time limit; values are rendered by the {@link ValueRenderer} as
 * part of the same run.
 */
final class SnippetExecutionControl extends DirectExecutionControl {

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
        CompileWatch.Meter compile = CompileWatch.current();
        if (compile != null && compile.givenUp()) {
            throw new StoppedException(); // its compile was given up: the user was told it will not run
        }
        if (compile != null) {
            compile.pause(); // run time is the run's budget's, not the compile's
        }
        try {
            return c.run(() -> {
                Object value;
                try {
                    value = doit.invoke(null);
                } catch (InvocationTargetException e) {
                    throw ThrownCopy.described(e.getCause());
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
        } finally {
            if (compile != null) {
                compile.resume();
            }
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
        CompileWatch.Meter compile = CompileWatch.current();
        if (compile != null) {
            compile.pause();
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
        } finally {
            if (compile != null) {
                compile.resume();
            }
        }
    }

    /** Renders a value within the run; a failing {@code toString()} is the user's code throwing. */
    private String render(Object value) throws InvocationTargetException {
        try {
            return renderer.render(value);
        } catch (RunGuard.StopSignal stop) {
            throw stop;
        } catch (Throwable e) {
            throw ThrownCopy.described(e);
        }
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
