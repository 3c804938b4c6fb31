package dev.cantrip.repl;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One instance's standard streams, as snippet code sees them. Snippet classes are rewritten
 * ({@link SnippetRewriter}) to read {@code System.out}, {@code err} and {@code in} from the
 * instance's {@link SnippetHolder}, whose fields point here: so output goes to the session that owns
 * the code.
 */
final class SessionIO {

    private final LineSink sink;
    private final PrintStream out;

    SessionIO(long maxBytesPerRun) {
        this.sink = new LineSink(maxBytesPerRun);
        this.out = new PrintStream(sink, true, StandardCharsets.UTF_8) {
            @Override
            public void close() {
                flush(); // System.out.close() in a snippet must not silence the session for good
            }
        };
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

    /** The stream snippet code prints to, as {@code System.out} and {@code System.err}. */
    PrintStream stream() {
        return out;
    }

    /** Turns bytes into lines for the target, within an allowance per run. Thread-safe. */
    private static final class LineSink extends OutputStream {
        private final long maxBytesPerRun;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private Consumer<String> target;
        private long used;
        private boolean cutNoted;

        LineSink(long maxBytesPerRun) {
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
