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
    private InputHandler previous;

    AskHandler(FlowRun<?> flow, String escape, InputHandler previous) {
        this.flow = flow;
        this.escape = escape;
        this.previous = previous;
    }

    @Override
    public void onLine(Session session, String line) {
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

    /** Gives the session back its own handler, if this one is still in place. */
    void restore(Session session) {
        if (session.handler() == this) {
            session.setHandler(previous);
        }
    }
}
