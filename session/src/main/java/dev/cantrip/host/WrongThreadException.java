package dev.cantrip.host;

/**
 * Thrown when code on some other thread touches what belongs to the game loop. The message says
 * what was attempted, on which thread, and where to do it instead.
 */
public final class WrongThreadException extends IllegalStateException {

    /**
     * @param attempted what the caller was about to do ("read the key of #4")
     * @param actualThread the calling thread's name
     * @param loopThread the loop thread's name
     */
    public WrongThreadException(String attempted, String actualThread, String loopThread) {
        super("cannot " + attempted + " from thread '" + actualThread + "': world objects belong to"
                + " the game loop thread '" + loopThread + "'. Do it on the loop instead (runAsync work:"
                + " in its onReturn callback, which the loop runs); only msg(...) is safe from any thread.");
    }
}
