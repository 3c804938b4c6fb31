package dev.cantrip.account;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256 from the JDK, a fresh 16-byte random salt per
 * hash and a 32-byte derived key. The result describes itself,
 * {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 key>}, so the iteration count can be raised
 * later without breaking stored hashes: {@link #verify} uses the count in the stored string, and
 * {@link #needsRehash} says when to re-hash on the next successful login.
 *
 * <p>The caller owns the password arrays passed in and should zero them when done; this class zeroes
 * the copies it makes. Instances are immutable and thread-safe.
 */
public final class PasswordHasher {
    /** Iterations used by {@link #PasswordHasher()}, following current OWASP advice for PBKDF2-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;

    /**
     * Most iterations accepted, here and in stored strings: a tampered row must not be able to make
     * one login attempt cost minutes of CPU.
     */
    public static final int MAX_ITERATIONS = 10_000_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;
    // Accepted when verifying, so hashes written with other sizes still check.
    private static final int MIN_SALT_BYTES = 8, MIN_KEY_BYTES = 16, MAX_KEY_BYTES = 64;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /** A hasher using {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /** A hasher using {@code iterations} (1 to {@link #MAX_ITERATIONS}) for new hashes. */
    public PasswordHasher(int iterations) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be 1 to " + MAX_ITERATIONS + ", got " + iterations);
        }
        this.iterations = iterations;
    }

    /** The iteration count used for new hashes. */
    public int iterations() {
        return iterations;
    }

    /** A new self-describing hash of {@code password} with a fresh salt. */
    public String hash(char[] password) {
        requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] key = derive(password, salt, iterations, KEY_BYTES);
        try {
            Base64.Encoder b64 = Base64.getEncoder();
            return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * Whether {@code password} matches {@code stored}, comparing in constant time. A malformed or
     * unsupported stored string yields false rather than an exception, so a damaged row denies the
     * login instead of breaking it.
     */
    public boolean verify(char[] password, String stored) {
        requireNonNull(password, "password");
        requireNonNull(stored, "stored");
        Parsed parsed = Parsed.of(stored);
        if (parsed == null) {
            return false;
        }
        byte[] key = derive(password, parsed.salt(), parsed.iterations(), parsed.key().length);
        try {
            return MessageDigest.isEqual(key, parsed.key());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@code stored} is malformed or uses fewer iterations than this hasher would. */
    public boolean needsRehash(String stored) {
        Parsed parsed = Parsed.of(requireNonNull(stored, "stored"));
        return parsed == null || parsed.iterations() < iterations;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int keyBytes) {
        // PBEKeySpec copies the password; clearPassword zeroes that copy.
        var spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide this algorithm, so this is a broken JDK, not bad input.
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Parsed(int iterations, byte[] salt, byte[] key) {
        /** The parts of {@code stored}, or null if it is not a hash this class can check. */
        static Parsed of(String stored) {
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals(SCHEME) || !isDigits(parts[1])) {
                return null;
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] key = Base64.getDecoder().decode(parts[3]);
                if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length < MIN_SALT_BYTES
                        || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
                    return null;
                }
                return new Parsed(iterations, salt, key);
            } catch (IllegalArgumentException e) { // NumberFormatException or bad Base64
                return null;
            }
        }

        private static boolean isDigits(String s) {
            return !s.isEmpty() && s.length() <= 10 && s.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
