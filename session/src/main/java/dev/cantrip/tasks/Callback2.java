package dev.cantrip.tasks;

import java.io.Serializable;

/** A callback that takes 2 arguments, given when it is scheduled: {@code delay(3, (from, to) -> to.msg(from.key() + " waves."), self, here)}. */
@FunctionalInterface
public interface Callback2<A, B> extends Serializable {
    void call(A a, B b);
}
