package dev.cantrip.tasks;

/**
 * An interactive flow in progress ({@code interactive(() -> { ...; return v; })}): a task that
 * pauses and asks, in lockstep with the game loop, and ends with a value.
 *
 * @param <V> what the flow returns
 */
public interface Flow<V> extends AsyncTask {

    /**
     * Runs {@code next} with the flow's value once it has returned (at once if it already has;
     * never if it failed or was cancelled, which its player is told). Returns this flow.
     */
    Flow<V> then(Callback1<? super V> next);
}
