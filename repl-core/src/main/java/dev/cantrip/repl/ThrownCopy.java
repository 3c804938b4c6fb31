package dev.cantrip.repl;

import java.lang.reflect.InvocationTargetException;
import jdk.jshell.spi.ExecutionControl.UserException;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Copies what snippet code threw while its run is still in progress. The copy is JShell's
 * {@link UserException} (message, original class name, frames) with a chain of causes like it.
 */
final class ThrownCopy {

    private static final int MAX_CAUSES = 16;
    // An exception's text and stack as kept: beyond these, no user reads them and JShell's own
    // processing of them, after the run, would be unbudgeted.
    private static final int MAX_MESSAGE_CHARS = 4_000;
    private static final int MAX_MESSAGE_LINES = 20;
    private static final int MAX_FRAMES = 200;

    private ThrownCopy() {}

    /**
     * What the snippet threw, copied while the run is still in progress: its message, stack and
     * causes come from methods a snippet class may override ({@code getMessage()} that never
     * returns, {@code getCause()} that returns itself), so they are read under the run's budget,
     * a bounded number of causes deep. A stop, or the JVM running out of something, is passed on
     * as it is.
     */
    static InvocationTargetException described(Throwable thrown) {
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

}
