package dev.cantrip.repl;

import java.util.List;
import java.util.Objects;

/**
 * A snippet's lambda or method reference described as source, so that it can be compiled again
 * elsewhere (after a restart) and mean the same ({@link ReplEngine#sourceOf}).
 *
 * @param code the lambda or method reference as typed ({@code who -> who.msg("Test!")}); a bound
 *     method reference's receiver is replaced by the name of a captured value ({@code $c0::msg})
 * @param functionalInterface the binary name of the type it implements
 * @param captured the values it captured, named as in {@code code}, in the order it took them
 * @param variables the session variables {@code code} reads, with their values now
 * @param declarations the session's imports, types and methods, as typed, in order: what
 *     {@code code} may call
 */
public record LambdaSource(String code, String functionalInterface, List<Value> captured, List<Value> variables,
                           List<String> declarations) {

    public LambdaSource {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(functionalInterface, "functionalInterface");
        captured = List.copyOf(captured);
        variables = List.copyOf(variables);
        declarations = List.copyOf(declarations);
    }

    /**
     * A named value.
     *
     * @param type its type as written in source ({@code int}, {@code List<String>},
     *     {@code dev.cantrip.world.GameObject})
     * @param value the value now (null allowed)
     */
    public record Value(String name, String type, Object value) {
        public Value {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }
}
