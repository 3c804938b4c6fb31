package dev.cantrip.tasks;

import java.io.Serializable;

/**
 * A callback that takes nothing: {@code delay(5, () -> here.msg("The bell rings."))}. The callback
 * types are serializable so that a snippet's lambda can be read back as the source it was typed as
 * when its task is made persistent; nothing is ever serialized.
 */
@FunctionalInterface
public interface Callback0 extends Serializable {
    void call();
}
