package dev.cantrip.world.attr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random values for property-style tests; seeded, so failures reproduce. */
final class RandomValues {
    private static final int[] AWKWARD =
            "\"\\/\n\r\t\b\f\u0001\u001B\u007F\u0085 ,:[]{}#'é€😀\u2028\uFEFF".codePoints().toArray();

    private final Random random;
    private final boolean storable;

    /** @param storable leave out NUL and unpaired surrogates, which the validator refuses */
    RandomValues(long seed, boolean storable) {
        this.random = new Random(seed);
        this.storable = storable;
    }

    AttrValue next() {
        return next(0);
    }

    private AttrValue next(int depth) {
        int kind = random.nextInt(depth < 4 ? 9 : 6);
        return switch (kind) {
            case 0 -> new AttrValue.Int(nextLong());
            case 1 -> new AttrValue.Decimal(nextDouble());
            case 2, 3 -> new AttrValue.Str(nextString());
            case 4 -> new AttrValue.Bool(random.nextBoolean());
            case 5 -> new AttrValue.Ref(random.nextBoolean() ? 1 + random.nextInt(1000) : Long.MAX_VALUE);
            case 6, 7 -> {
                List<AttrValue> items = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    items.add(next(depth + 1));
                }
                yield new AttrValue.ListOf(items);
            }
            default -> {
                Map<String, AttrValue> entries = new LinkedHashMap<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    entries.put(nextString(), next(depth + 1));
                }
                yield new AttrValue.MapOf(entries);
            }
        };
    }

    private long nextLong() {
        return switch (random.nextInt(5)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> random.nextInt(21) - 10;
            default -> random.nextLong();
        };
    }

    private double nextDouble() {
        return switch (random.nextInt(7)) {
            case 0 -> Double.MAX_VALUE;
            case 1 -> Double.MIN_VALUE;
            case 2 -> -0.0;
            case 3 -> 1e21;
            case 4 -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (random.nextBoolean() ? 1 : -1);
            default -> (random.nextDouble() - 0.5) * 1000;
        };
    }

    String nextString() {
        var out = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(6)) {
                case 0 -> out.appendCodePoint(AWKWARD[random.nextInt(AWKWARD.length)]);
                case 1 -> out.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                case 2 -> {
                    char c = (char) random.nextInt(0x10000);
                    if (!storable || (c != 0 && !Character.isSurrogate(c))) {
                        out.append(c);
                    }
                }
                default -> out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }
}
