package dev.cantrip.repl;

import java.util.Objects;

/**
 * A variable a session holds, with its current value rendered within the engine's limits.
 *
 * @param binding whether the host provides it ({@code self}) rather than the user declaring it
 */
public record Variable(String name, String type, String value, boolean binding) {

    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }
}
