package dev.cantrip.tasks;

/**
 * How a task's work is kept on disk so it can be rebuilt after a restart: a snippet's callback
 * as its source and values. Called by {@link Task#persist()}.
 */
@FunctionalInterface
public interface Persister {

    /**
     * The task's work in the host's text form.
     *
     * @throws IllegalArgumentException naming what cannot be kept (a value and its type)
     */
    String spec();
}
