package dev.cantrip.repl;

import java.io.Serializable;

/** A serializable callback type, as a host's callback types are, for tests of {@link ReplEngine#sourceOf}. */
@FunctionalInterface
public interface SerialCallback<A> extends Serializable {
    void call(A a);
}
