package dev.cantrip.tasks;

import java.io.Serializable;

/** A callback that takes 1 argument, given when it is scheduled: {@code delay(10, who -> who.msg("Test!"), self)}. */
@FunctionalInterface
public interface Callback1<A> extends Serializable {
    void call(A a);
}
