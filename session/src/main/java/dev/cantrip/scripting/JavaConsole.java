package dev.cantrip.scripting;

import dev.cantrip.repl.Completeness;
import dev.cantrip.session.InputHandler;
import dev.cantrip.session.Session;
import java.util.Objects;

/**
 * Console mode: every line is Java until {@code /exit} or {@code exit()}. Lines gather until they
 * make complete input (an open brace or an unfinished method asks for more with the continuation
 * prompt), then run. Console commands ({@code /vars}, ...) work between inputs. Game commands do
 * not run here.
 */
final class JavaConsole implements InputHandler {

    static final String PROMPT = "java> ";
    static final String MORE = "  ...> ";

    private final JavaService java;
    private final InputHandler previous;
    private final StringBuilder pending = new StringBuilder();

    JavaConsole(JavaService java, InputHandler previous) {
        this.java = Objects.requireNonNull(java, "java");
        this.previous = Objects.requireNonNull(previous, "previous");
    }

    @Override
    public void onEnter(Session s) {
        s.send("Java console: each line is Java, run when complete. /help lists console commands; /cancel drops"
                + " an unfinished input; /exit leaves.");
        s.prompt(PROMPT);
    }

    @Override
    public void onLine(Session s, String line) {
        String t = line.strip();
        if (t.equalsIgnoreCase("/exit")) {
            leave(s);
            return;
        }
        if (t.equalsIgnoreCase("/cancel")) {
            s.send(pending.isEmpty() ? "Nothing to cancel." : "Unfinished input dropped.");
            pending.setLength(0);
            s.prompt(PROMPT);
            return;
        }
        if (pending.isEmpty() && line.isBlank()) {
            s.prompt(PROMPT);
            return;
        }
        if (MetaCommands.isMeta(line)) {
            // Also in the middle of an unfinished input (a Java line never starts with "/" and a
            // letter): the input is kept and the continuation prompt comes back.
            MetaCommands.run(java, s, line, () -> s.prompt(pending.isEmpty() ? PROMPT : MORE));
            return;
        }
        pending.append(line).append('\n');
        String input = pending.toString();
        boolean[] answered = {false};
        java.with(s, r -> r.completeness(input), completeness -> {
            answered[0] = true;
            if (completeness == Completeness.INCOMPLETE) {
                s.prompt(MORE);
                return;
            }
            pending.setLength(0);
            if (completeness == Completeness.EMPTY) {
                s.prompt(PROMPT);
                return;
            }
            java.evaluate(s, input.strip(), false, false, done -> {
                if (java.takeExitRequest(s)) {
                    leave(s);
                } else {
                    s.prompt(PROMPT);
                }
            });
        }, () -> {
            if (!answered[0]) {
                // The check failed (the user has been told why): start the input afresh.
                pending.setLength(0);
                s.prompt(PROMPT);
            }
        });
    }

    private void leave(Session s) {
        pending.setLength(0);
        s.send("Left the Java console; your declarations are kept.");
        s.setHandler(previous);
    }
}
