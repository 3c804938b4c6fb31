package dev.cantrip.sandbox.facade;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Locale;

/**
 * Big numbers for snippets, within sizes the JDK computes in milliseconds: one multiplication of
 * numbers a few million bits long, or one exponentiation, runs inside the JDK where no budget check
 * reaches, so sizes are checked before the work starts. Numbers of up to {@value #MAX_BITS} bits
 * ({@code BigInteger}; {@value #MAX_GCD_BITS} for gcd and modInverse) and {@value #MAX_DIGITS}
 * digits and scales of up to {@value #MAX_SCALE}
 * ({@code BigDecimal}) are allowed; past that the call throws {@link ArithmeticException} saying
 * what the result would have been.
 */
public final class LimitedMath {

    public static final int MAX_BITS = 1 << 18;
    public static final int MAX_DIGITS = 100_000;
    public static final int MAX_SCALE = 100_000;
    /** Primality tests and prime searches get slow well before {@link #MAX_BITS}. */
    public static final int MAX_PRIME_BITS = 8_192;
    /** gcd and modInverse take time that grows with the square of the size. */
    public static final int MAX_GCD_BITS = 32_768;

    private LimitedMath() {}

    public static BigInteger pow(BigInteger b, int exponent) {
        if (exponent > 1 && b.bitLength() > 1) {
            bits((long) b.bitLength() * exponent, "pow(" + exponent + ")");
        }
        return b.pow(exponent);
    }

    public static BigInteger shiftLeft(BigInteger b, int n) {
        bits((long) b.bitLength() + n, "shiftLeft(" + n + ")");
        return b.shiftLeft(n);
    }

    public static BigInteger shiftRight(BigInteger b, int n) {
        bits((long) b.bitLength() - n, "shiftRight(" + n + ")");
        return b.shiftRight(n);
    }

    public static BigInteger multiply(BigInteger a, BigInteger b) {
        bits((long) a.bitLength() + b.bitLength(), "multiply");
        return a.multiply(b);
    }

    public static BigInteger setBit(BigInteger b, int n) {
        bits(n + 1L, "setBit(" + n + ")");
        return b.setBit(n);
    }

    public static BigInteger flipBit(BigInteger b, int n) {
        bits(n + 1L, "flipBit(" + n + ")");
        return b.flipBit(n);
    }

    public static BigInteger modPow(BigInteger b, BigInteger exponent, BigInteger m) {
        long work = (long) m.bitLength() * Math.max(1, exponent.bitLength());
        if (work > 1L << 26) {
            throw new ArithmeticException(String.format(Locale.ROOT, "modPow with a %,d-bit modulus and a %,d-bit"
                    + " exponent is too much work for a snippet (their bit lengths may multiply to at most %,d)",
                    m.bitLength(), exponent.bitLength(), 1L << 26));
        }
        return b.modPow(exponent, m);
    }

    public static boolean isProbablePrime(BigInteger b, int certainty) {
        primeBits(b.bitLength(), "isProbablePrime");
        return b.isProbablePrime(certainty);
    }

    public static BigInteger nextProbablePrime(BigInteger b) {
        primeBits(b.bitLength(), "nextProbablePrime");
        return b.nextProbablePrime();
    }

    public static BigInteger probablePrime(int bitLength, java.util.Random rnd) {
        primeBits(bitLength, "probablePrime");
        return BigInteger.probablePrime(bitLength, rnd);
    }

    public static BigInteger gcd(BigInteger a, BigInteger b) {
        gcdBits(Math.max(a.bitLength(), b.bitLength()), "gcd");
        return a.gcd(b);
    }

    public static BigInteger modInverse(BigInteger a, BigInteger m) {
        gcdBits(Math.max(a.bitLength(), m.bitLength()), "modInverse");
        return a.modInverse(m);
    }

    /**
     * Checks number text before it is parsed (parsing takes time that grows faster than the
     * text): at most {@value #MAX_DIGITS} characters, and an exponent of at most
     * {@value #MAX_SCALE} either way.
     */
    public static void checkDigits(String text) {
        if (text != null) {
            checkText(text);
        }
    }

    /** {@link #checkDigits(String)} for a character array. */
    public static void checkDigits(char[] text) {
        if (text != null) {
            checkText(java.nio.CharBuffer.wrap(text));
        }
    }

    private static void checkText(CharSequence text) {
        digits(text.length(), "a number of " + String.format(Locale.ROOT, "%,d", text.length()) + " characters");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'e' || c == 'E') {
                String exponent = text.subSequence(i + 1, text.length()).toString();
                long e;
                try {
                    e = Long.parseLong(exponent.startsWith("+") ? exponent.substring(1) : exponent);
                } catch (NumberFormatException notANumber) {
                    return; // the constructor says what is wrong with it
                }
                if (Math.abs(e) > MAX_SCALE) {
                    throw new ArithmeticException(String.format(Locale.ROOT, "an exponent of %,d is too large;"
                            + " snippets may use exponents and scales of up to %,d either way", e, MAX_SCALE));
                }
                return;
            }
        }
    }

    /** Checks a number made by a constructor or any other call: too large to work with is refused. */
    public static BigInteger checked(BigInteger b) {
        if (b != null) {
            bits(b.bitLength(), "this number");
        }
        return b;
    }

    public static BigDecimal pow(BigDecimal d, int n) {
        digits((long) d.precision() * Math.abs(n), "pow(" + n + ")");
        scale((long) d.scale() * n, "pow(" + n + ")");
        return d.pow(n);
    }

    public static BigDecimal pow(BigDecimal d, int n, MathContext mc) {
        checked(mc);
        return d.pow(n, mc);
    }

    public static BigDecimal setScale(BigDecimal d, int newScale) {
        return checkSetScale(d, newScale).setScale(newScale);
    }

    public static BigDecimal setScale(BigDecimal d, int newScale, java.math.RoundingMode mode) {
        return checkSetScale(d, newScale).setScale(newScale, mode);
    }

    @SuppressWarnings("deprecation")
    public static BigDecimal setScale(BigDecimal d, int newScale, int mode) {
        return checkSetScale(d, newScale).setScale(newScale, mode);
    }

    /** A larger scale adds digits: both the scale and the digits it makes are checked. */
    private static BigDecimal checkSetScale(BigDecimal d, int newScale) {
        scale(newScale, "setScale(" + newScale + ")");
        digits((long) d.precision() + Math.max(0L, (long) newScale - d.scale()), "setScale(" + newScale + ")");
        return d;
    }

    public static BigDecimal scaleByPowerOfTen(BigDecimal d, int n) {
        scale((long) d.scale() - n, "scaleByPowerOfTen(" + n + ")");
        return d.scaleByPowerOfTen(n);
    }

    public static BigDecimal movePointLeft(BigDecimal d, int n) {
        scale((long) d.scale() + n, "movePointLeft(" + n + ")");
        return d.movePointLeft(n);
    }

    public static BigDecimal movePointRight(BigDecimal d, int n) {
        scale((long) d.scale() - n, "movePointRight(" + n + ")");
        return d.movePointRight(n);
    }

    public static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        digits((long) a.precision() + b.precision(), "multiply");
        scale((long) a.scale() + b.scale(), "multiply");
        return a.multiply(b);
    }

    /** Checks a number made by a constructor or any other call: too large to work with is refused. */
    public static BigDecimal checked(BigDecimal d) {
        if (d != null) {
            scale(d.scale(), "this number");
            digits(d.precision(), "this number");
        }
        return d;
    }

    /** A precision past {@value #MAX_DIGITS} digits would make every operation under it huge. */
    public static MathContext checked(MathContext mc) {
        if (mc != null) {
            digits(mc.getPrecision(), "a MathContext");
        }
        return mc;
    }

    private static void bits(long bits, String what) {
        if (bits > MAX_BITS) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "%s would make a number of about %,d bits; snippets may use numbers of up to %,d bits",
                    what, bits, MAX_BITS));
        }
    }

    private static void gcdBits(int bits, String what) {
        if (bits > MAX_GCD_BITS) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "%s on a %,d-bit number is too slow for a snippet (up to %,d bits)", what, bits, MAX_GCD_BITS));
        }
    }

    private static void primeBits(int bits, String what) {
        if (bits > MAX_PRIME_BITS) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "%s on a %,d-bit number is too slow for a snippet (up to %,d bits)", what, bits, MAX_PRIME_BITS));
        }
    }

    private static void digits(long digits, String what) {
        if (digits > MAX_DIGITS) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "%s would make a number of about %,d digits; snippets may use up to %,d", what, digits, MAX_DIGITS));
        }
    }

    private static void scale(long scale, String what) {
        if (Math.abs(scale) > MAX_SCALE) {
            throw new ArithmeticException(String.format(Locale.ROOT,
                    "%s would make a scale of %,d; snippets may use scales of up to %,d either way",
                    what, scale, MAX_SCALE));
        }
    }
}
