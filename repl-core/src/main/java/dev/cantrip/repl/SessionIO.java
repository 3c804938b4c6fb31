package dev.cantrip.repl;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One instance's standard streams, as snippet code sees them. Snippet classes are rewritten
 * ({@link SnippetRewriter}) to read {@code System.out}, {@code err} and {@code in} from the
 * instance's {@link SnippetHolder}, whose fields point here: so output goes to the session that owns
 * the code, counted against the budget of the run that prints it ({@link RunOutput}). The target
 * stays after the instance is closed, for callbacks of its code that run later.
 */
final class SessionIO {

    private final PrintStream out;
    private volatile Consumer<String> target;

    SessionIO() {
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                RunContext run = RunContext.current();
                RunOutput output = run == null ? null : run.output();
                if (output != null) {
                    output.write(b, off, len, target);
                }
                // Outside a run no snippet code runs (its first check refuses it): nothing to print.
            }
        };
        // Flushed per write: the run's RunOutput gathers lines, so nothing waits in a buffer here.
        this.out = new PrintStream(sink, true, StandardCharsets.UTF_8) {
            @Override
            public void close() {
                flush(); // System.out.close() in a snippet must not silence the session for good
            }
        };
    }

    /** Where printed lines go from now on (null: discarded). */
    void target(Consumer<String> lines) {
        target = lines;
    }

    /** The stream snippet code prints to, as {@code System.out} and {@code System.err}. */
    PrintStream stream() {
        return out;
    }
}
