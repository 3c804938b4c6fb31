package dev.cantrip.tasks;

/**
 * Background work: {@code runAsync(() -> primesBelow(5_000_000).size(), n -> self.msg("found " + n))}.
 * It runs on a worker thread, never on the game loop, so it may compute but not touch world objects
 * (other than {@code msg}); what it returns goes to the callback that runs on the loop.
 *
 * @param <T> what it returns
 */
@FunctionalInterface
public interface AsyncWork<T> {
    T run() throws Exception;
}
