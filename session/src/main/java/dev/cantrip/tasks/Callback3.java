package dev.cantrip.tasks;

import java.io.Serializable;

/** A callback that takes 3 arguments, given when it is scheduled: {@code delay(1, (a, b, c) -> a.msg(b + c), self, "x", "y")}. */
@FunctionalInterface
public interface Callback3<A, B, C> extends Serializable {
    void call(A a, B b, C c);
}
