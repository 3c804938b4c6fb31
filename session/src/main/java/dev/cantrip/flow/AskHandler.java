package dev.cantrip.flow;

import dev.cantrip.session.InputHandler;
import dev.cantrip.session.Session;

/**
 * Takes a session's next line as the answer to a flow's question. A line starting with the escape
 * runs as a command instead (and the question stays); {@code abort} cancels the flow.
 */
final class AskHandler implements InputHandler {

    private final FlowRun<?> flow;
    private final String escape;
    private final String question;
    private InputHandler previous;

    AskHandler(FlowRun<?> flow, String escape, String question, InputHandler previous) {
        this.flow = flow;
        this.escape = escape;
        this.question = question;
        this.previous = previous;
    }

    @Override
    public void onLine(Session session, String line) {
        if (!flow.asksWith(this)) {
            // Its question was settled meanwhile (timed out, or the flow ended) while another question
            // sat on top of it: the line is not for it.
            restore(session);
            session.handler().onLine(session, line);
            return;
        }
        if (line.startsWith(escape)) {
            previous.onLine(session, line.substring(escape.length()));
            if (session.handler() != this && flow.asksWith(this)) {
                // The command changed how lines are read (the Java console): the question waits on top of it.
                previous = session.handler();
                session.setHandler(this);
            }
            return;
        }
        restore(session);
        if (line.strip().equalsIgnoreCase("abort")) {
            flow.cancel("you aborted it");
            return;
        }
        flow.answered(line);
    }

    /**
     * Gives the session back the handler under this one, if this one is still in place, passing over
     * questions already settled; a question still waiting there is asked again, so the player knows
     * what the next line answers (two flows may ask at once: the later question is answered first).
     */
    void restore(Session session) {
        if (session.handler() != this) {
            return;
        }
        InputHandler under = previous;
        while (under instanceof AskHandler a && !a.flow.asksWith(a)) {
            under = a.previous;
        }
        session.setHandler(under);
        if (under instanceof AskHandler waiting) {
            // After what the answer sets off has had its turn, so the question is the last line shown.
            flow.later(() -> {
                if (session.handler() == waiting && waiting.flow.asksWith(waiting)) {
                    session.prompt(waiting.question + " ");
                }
            });
        }
    }
}
