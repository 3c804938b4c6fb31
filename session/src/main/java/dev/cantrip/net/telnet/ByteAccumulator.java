package dev.cantrip.net.telnet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that never holds more than its limit. It starts small and, when cleared
 * after growing large, starts small again, so an idle connection costs little however long its
 * limit is.
 */
final class ByteAccumulator {
    private static final int INITIAL_CAPACITY = 64;
    private static final int KEEP_CAPACITY = 1024;

    private final int limit;
    private byte[] bytes;
    private int length;

    ByteAccumulator(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
        this.bytes = new byte[Math.min(INITIAL_CAPACITY, limit)];
    }

    /** Appends {@code b}, or returns false and changes nothing if the limit is reached. */
    boolean add(int b) {
        if (length == limit) {
            return false;
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min((long) bytes.length * 2, limit));
        }
        bytes[length++] = (byte) b;
        return true;
    }

    int length() {
        return length;
    }

    /** The byte at {@code index} as 0..255. */
    int get(int index) {
        return Byte.toUnsignedInt(bytes[index]);
    }

    /** Keeps only the first {@code newLength} bytes. */
    void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException(newLength);
        }
        length = newLength;
    }

    void clear() {
        length = 0;
        if (bytes.length > KEEP_CAPACITY) {
            bytes = new byte[Math.min(INITIAL_CAPACITY, limit)];
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, length);
    }

    /** The bytes as UTF-8; malformed input becomes U+FFFD, never an exception. */
    String decodeUtf8() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
