package dev.cantrip.repl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * What one run prints: bytes gathered into lines and sent to the session that owns the code, up
 * to the evaluation's output budget (what its earlier runs used is carried in). Per run, so two runs of one instance at once (an evaluation and a
 * callback) neither mix their half-printed lines nor share an allowance. Only the run's own
 * thread writes to it.
 */
final class RunOutput {

    private final long maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Consumer<String> lastTarget;
    private long used;
    private boolean cutNoted;
    private boolean emitting; // a finished line is on its way to the target (which may count output itself)

    /**
     * @param maxBytes the output budget
     * @param used what earlier runs of the same evaluation used of it (the budget is per evaluation)
     */
    RunOutput(long maxBytes, long used) {
        this.maxBytes = maxBytes;
        this.used = Math.min(maxBytes, Math.max(0, used));
    }

    /** What the evaluation has used of its output budget, this run included. */
    long used() {
        return used;
    }

    /** Takes printed bytes; each finished line goes to {@code target} (null: the bytes are dropped). */
    void write(byte[] b, int off, int len, Consumer<String> target) {
        if (target != lastTarget && line.size() > 0) {
            emit(); // the code printing now belongs to another session's instance: finish the line first
        }
        lastTarget = target;
        for (int i = off; i < off + len; i++) {
            if (used >= maxBytes) {
                if (!cutNoted) {
                    cutNoted = true;
                    if (line.size() > 0) {
                        emit();
                    }
                    send("[output cut: more than " + String.format("%,d", maxBytes) + " bytes printed]");
                }
                return;
            }
            used++;
            if (b[i] == '\n') {
                emit();
            } else {
                line.write(b[i]);
            }
        }
    }

    /**
     * Charges {@code bytes} the run sends by other means than printing (a message to a player) to
     * the same allowance. Returns false, using the allowance up, if they do not fit in what is left.
     */
    boolean charge(long bytes) {
        if (bytes > maxBytes - used) {
            used = maxBytes;
            return false;
        }
        used += Math.max(0, bytes);
        return true;
    }

    /** Whether a printed line is being handed to its target now (it was counted when printed). */
    boolean emitting() {
        return emitting;
    }

    /** The run goes on with a fresh step (after waiting): its allowance is renewed. */
    void newStep() {
        used = 0;
        cutNoted = false;
    }

    /** The run is over: a partly printed line is sent. */
    void endRun() {
        if (line.size() > 0) {
            emit();
        }
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
        Consumer<String> t = lastTarget;
        if (t != null) {
            emitting = true;
            try {
                t.accept(text);
            } finally {
                emitting = false;
            }
        }
    }
}
