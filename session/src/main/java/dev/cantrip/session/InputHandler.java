package dev.cantrip.session;

/**
 * Whatever reads a session's next line: the login screen, a password prompt, the command
 * dispatcher, later a Java console or an interactive question. Runs on the game loop.
 */
@FunctionalInterface
public interface InputHandler {

    /** Handles one line the user typed (without its line break). */
    void onLine(Session session, String line);

    /** Called when this handler becomes the session's handler; shows a prompt if it has one. */
    default void onEnter(Session session) {}
}
