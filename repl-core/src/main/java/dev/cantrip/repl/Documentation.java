package dev.cantrip.repl;

import java.util.Objects;

/**
 * What the code at a cursor refers to: a signature and, where the JDK or host ships source, its
 * javadoc.
 *
 * @param javadoc the javadoc text, or null when none is available
 */
public record Documentation(String signature, String javadoc) {

    public Documentation {
        Objects.requireNonNull(signature, "signature");
    }
}
