package dev.cantrip.session;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Asks for a password with the client's echo turned off, then hands the typed line to
 * {@code onAnswer} with echo back on. {@code onAnswer} decides what reads the next line: it must
 * set the session's handler, or the prompt keeps asking.
 */
public final class PasswordPrompt implements InputHandler {

    private final String question;
    private final BiConsumer<Session, String> onAnswer;

    public PasswordPrompt(String question, BiConsumer<Session, String> onAnswer) {
        this.question = Objects.requireNonNull(question, "question");
        this.onAnswer = Objects.requireNonNull(onAnswer, "onAnswer");
    }

    @Override
    public void onEnter(Session session) {
        session.connection().hideInput(true);
        session.prompt(question);
    }

    @Override
    public void onLine(Session session, String line) {
        session.connection().hideInput(false);
        // The client did not echo the line break either.
        session.send("");
        onAnswer.accept(session, line);
    }
}
