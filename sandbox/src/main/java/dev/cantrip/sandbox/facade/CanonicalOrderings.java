package dev.cantrip.sandbox.facade;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much work {@code Pattern.compile(regex, CANON_EQ)} does before it parses anything: the JDK
 * rewrites every letter followed by combining marks into an alternation of all the marks' orderings
 * ({@code Pattern.producePermutations}: an array of n! slots for n marks, and every ordering whose
 * classes differ), then does the same again for each ordering whose first mark composes with the
 * letter ({@code composeOneStep}). One letter with 11 marks of different classes is 11! orderings:
 * gigabytes, in one JDK call no check reaches. Counted here by the JDK's own rules, with no string
 * built, and given up as soon as the count passes the limit.
 */
final class CanonicalOrderings {

    /** A grapheme cluster, by the JDK's own rules (the ones {@code Pattern.normalize} splits by). */
    private static final Pattern CLUSTER = Pattern.compile("\\X");
    private static final String META = ".$|()[]{}^?*+\\";

    private CanonicalOrderings() {}

    /** What {@link #count} found: the orderings counted (past the limit: some count over it) and the longest mark run. */
    record Count(long orderings, int longestRun) {}

    /**
     * The orderings the JDK would build for {@code regex} compiled with {@code CANON_EQ}, counted up
     * to just past {@code limit}.
     */
    static Count count(String regex, long limit) {
        long total = 0;
        int longest = 0;
        Matcher cluster = CLUSTER.matcher(regex);
        int depth = 0;
        char last = 0;
        int sliceStart = 0;
        int n = regex.length();
        // Pattern.normalize: character classes are normalized as they are; the rest slice by slice.
        for (int i = 0; i < n && total <= limit; ) {
            char c = regex.charAt(i);
            if (depth == 0 && c == '\\' && i + 1 < n && regex.charAt(i + 1) == '\\') {
                i += 2;
                last = 0;
                continue;
            }
            if (c == '[' && last != '\\') {
                if (depth == 0 && sliceStart < i) {
                    Count s = slice(regex, sliceStart, i, cluster, limit - total);
                    total += s.orderings();
                    longest = Math.max(longest, s.longestRun());
                }
                depth++;
            } else if (c == ']' && last != '\\') {
                depth--;
                if (depth == 0) {
                    sliceStart = i + 1;
                }
            }
            last = c;
            i++;
        }
        if (depth == 0 && sliceStart < n && total <= limit) {
            Count s = slice(regex, sliceStart, n, cluster, limit - total);
            total += s.orderings();
            longest = Math.max(longest, s.longestRun());
        }
        return new Count(total, longest);
    }

    /** Pattern.normalizeSlice: cluster by cluster, metacharacters one by one. */
    private static Count slice(String src, int off, int limit, Matcher cluster, long budget) {
        long total = 0;
        int longest = 0;
        int steps = 0;
        while (off < limit && total <= budget) {
            if (++steps % 1024 == 0) {
                dev.cantrip.repl.Checkpoint.check(); // a long pattern is read within the run's budget
            }
            int ch0 = src.codePointAt(off);
            if (META.indexOf(ch0) != -1) {
                off++;
                continue;
            }
            cluster.region(off, limit);
            int end = cluster.lookingAt() ? cluster.end() : off + Character.charCount(ch0);
            String nfd = Normalizer.normalize(src.substring(off, end), Normalizer.Form.NFD);
            off = end;
            int points = nfd.codePointCount(0, nfd.length());
            if (points > 1) {
                int first = nfd.codePointAt(0);
                int second = nfd.codePointAt(Character.charCount(first));
                if (Character.getType(second) == Character.NON_SPACING_MARK) {
                    List<Integer> marks = new ArrayList<>();
                    nfd.substring(Character.charCount(first)).codePoints().forEach(marks::add);
                    longest = Math.max(longest, marks.size());
                    total += alternation(new String(Character.toChars(first)), marks, budget - total + 1);
                }
            }
        }
        return new Count(total, longest);
    }

    /**
     * Pattern.produceEquivalentAlternation for a letter and its marks: the permutation array
     * (n! slots), every ordering it keeps, and for each ordering whose first mark composes with
     * the letter, the same again for the composed letter and the other marks.
     */
    private static long alternation(String base, List<Integer> marks, long budget) {
        int n = marks.size();
        if (n > 12) {
            return Long.MAX_VALUE / 4; // the JDK gives up with an OutOfMemoryError ("Pattern too complex")
        }
        long work = factorial(n);
        if (n <= 1 || work > budget) {
            return n <= 1 ? 1 + composedWork(base, marks, budget) : work;
        }
        return work + composedWork(base, marks, budget - work);
    }

    /** For each class's first mark that composes with the base: the orderings it starts, each worked again. */
    private static long composedWork(String base, List<Integer> marks, long budget) {
        long work = 0;
        Map<Integer, Boolean> seenClass = new HashMap<>();
        for (int k = 0; k < marks.size() && work <= budget; k++) {
            int mark = marks.get(k);
            int cls = combiningClass(mark);
            if (seenClass.put(cls, Boolean.TRUE) != null) {
                continue; // only the first mark of each class starts orderings
            }
            String pair = base + new String(Character.toChars(mark));
            String composed = Normalizer.normalize(pair, Normalizer.Form.NFC);
            if (composed.equals(pair)) {
                continue;
            }
            List<Integer> rest = new ArrayList<>(marks);
            rest.remove(k);
            long starting = marks.size() == 1 ? 1 : startingWith(marks, k);
            long each = alternation(composed, rest, budget - work + 1);
            work = saturatingAdd(work, saturatingMultiply(starting, each));
        }
        return work;
    }

    /** The orderings the JDK keeps: marks of one class keep their order, so n! / (k1! k2! ...). */
    private static long orderings(List<Integer> marks) {
        Map<Integer, Integer> perClass = new HashMap<>();
        for (int m : marks) {
            perClass.merge(combiningClass(m), 1, Integer::sum);
        }
        long r = factorial(marks.size());
        for (int k : perClass.values()) {
            r /= factorial(k);
        }
        return r;
    }

    /** Kept orderings that begin with marks[k] (the first of its class): those of the others. */
    private static long startingWith(List<Integer> marks, int k) {
        List<Integer> rest = new ArrayList<>(marks);
        rest.remove(k);
        return orderings(rest);
    }

    /** The canonical combining class, read off what NFD does to a letter followed by the mark and a mark of class 230. */
    private static int combiningClass(int mark) {
        // java.text has no public combining class; the JDK's Pattern compares classes only for
        // equality, and marks of equal class are those NFD never reorders against each other.
        // Distinguishing by the mark itself counts every mark as its own class: an upper bound.
        return mark;
    }

    private static long factorial(int n) {
        long r = 1;
        for (int i = 2; i <= n; i++) {
            r *= i;
        }
        return r;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE / 4 : Math.min(r, Long.MAX_VALUE / 4);
    }

    private static long saturatingMultiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > (Long.MAX_VALUE / 4) / b ? Long.MAX_VALUE / 4 : a * b;
    }
}
