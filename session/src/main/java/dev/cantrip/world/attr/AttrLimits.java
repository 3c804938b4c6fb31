package dev.cantrip.world.attr;

import java.util.regex.Pattern;

/**
 * How big a stored attribute value may be. Every limit is at least 1. {@link #DEFAULTS} is what
 * the server uses unless configured otherwise.
 *
 * <p>Depth counts containers: a scalar has depth 0, {@code [1]} depth 1, {@code [[1]]} depth 2.
 * String lengths count UTF-16 code units ({@link String#length()}), which is what the JVM holds.
 *
 * @param maxEncodedBytes most UTF-8 bytes of the storage text ({@link AttrCodec#encode})
 * @param maxDepth most containers nested inside each other
 * @param maxStringLength longest string value or map key
 * @param maxEntries most items in one list or entries in one map
 */
public record AttrLimits(int maxEncodedBytes, int maxDepth, int maxStringLength, int maxEntries) {

    /** 64 KiB encoded, 16 deep, 32,768-character strings, 10,000 entries per container. */
    public static final AttrLimits DEFAULTS = new AttrLimits(64 * 1024, 16, 32 * 1024, 10_000);

    /** Longest attribute name. */
    public static final int MAX_NAME_LENGTH = 64;

    /**
     * What an attribute name looks like. ASCII only so names are easy to type on any client and
     * cannot hide look-alike characters.
     */
    public static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$");

    public AttrLimits {
        positive(maxEncodedBytes, "maxEncodedBytes");
        positive(maxDepth, "maxDepth");
        positive(maxStringLength, "maxStringLength");
        positive(maxEntries, "maxEntries");
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
