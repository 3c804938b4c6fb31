package dev.cantrip.tasks;

/** A callback that takes 1 argument, given when it is scheduled: {@code delay(10, who -> who.msg("Test!"), self)}. */
@FunctionalInterface
public interface Callback1<A> {
    void call(A a);
}
