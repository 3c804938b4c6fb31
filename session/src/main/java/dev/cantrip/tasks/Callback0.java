package dev.cantrip.tasks;

/** A callback that takes nothing: {@code delay(5, () -> here.msg("The bell rings."))}. */
@FunctionalInterface
public interface Callback0 {
    void call();
}
