package dev.cantrip.tasks;

/**
 * The body of an interactive flow: code that may {@code pause(seconds)}, {@code ask(question)} and
 * {@code confirm(question)}, and returns a value.
 *
 * @param <V> what it returns
 */
@FunctionalInterface
public interface FlowBody<V> {
    V run() throws Exception;
}
