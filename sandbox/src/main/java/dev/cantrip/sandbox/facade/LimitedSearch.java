package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;
import java.util.Collection;
import java.util.List;

/**
 * Searches whose time is the product of two sizes inside one JDK call: a string searched for
 * another ({@code indexOf}, {@code contains}, {@code replace}: the JDK compares at every position,
 * so 20 million {@code a}s searched for 10 million {@code a}s and a {@code b} is 10^14 steps), and
 * one collection checked against another ({@code containsAll}, {@code removeAll},
 * {@code retainAll}, {@code Collections.disjoint}, {@code indexOfSubList}: each element looked up
 * in a list is a walk of that list). Small ones go to the JDK at once; large ones are done here in
 * steps, checking the run's budget as they go, with the JDK's results.
 */
public final class LimitedSearch {

    /** Below this many steps (length times length), the JDK's own call is used as it is. */
    static final long DIRECT = 1 << 22;
    /** The budget is checked after about this many characters compared. */
    private static final long CHECK_EVERY = 1 << 20;

    private LimitedSearch() {}

    // ---- text ----

    public static int indexOf(String s, String t) {
        return indexOf(s, t, 0);
    }

    public static int indexOf(String s, String t, int from) {
        if ((long) s.length() * t.length() <= DIRECT) {
            return s.indexOf(t, from);
        }
        return search(s, t, Math.max(0, from), s.length());
    }

    /** {@code String.indexOf(str, beginIndex, endIndex)}: a match lying within the range. */
    public static int indexOf(String s, String t, int from, int to) {
        if ((long) s.length() * t.length() <= DIRECT) {
            return s.indexOf(t, from, to);
        }
        java.util.Objects.checkFromToIndex(from, to, s.length()); // as the JDK's does
        return search(s, t, Math.max(0, from), to);
    }

    public static int lastIndexOf(String s, String t) {
        return lastIndexOf(s, t, s.length());
    }

    public static int lastIndexOf(String s, String t, int from) {
        int m = t.length();
        if ((long) s.length() * m <= DIRECT || m == 0) {
            return s.lastIndexOf(t, from);
        }
        long steps = 0;
        for (int i = Math.min(from, s.length() - m); i >= 0; i--) {
            if (s.charAt(i) == t.charAt(0) && s.regionMatches(i, t, 0, m)) {
                return i;
            }
            steps += 1 + (m >> 4);
            if (steps > CHECK_EVERY) {
                steps = 0;
                Checkpoint.check();
            }
        }
        return -1;
    }

    public static boolean contains(String s, CharSequence t) {
        return indexOf(s, t.toString()) >= 0;
    }

    public static int indexOf(StringBuilder sb, String t) {
        return indexOf(sb, t, 0);
    }

    public static int indexOf(StringBuilder sb, String t, int from) {
        if ((long) sb.length() * t.length() <= DIRECT) {
            return sb.indexOf(t, from);
        }
        Checkpoint.charge(2L * sb.length());
        String s = sb.toString();
        return search(s, t, Math.max(0, from), s.length());
    }

    public static int lastIndexOf(StringBuilder sb, String t) {
        return lastIndexOf(sb, t, sb.length());
    }

    public static int lastIndexOf(StringBuilder sb, String t, int from) {
        if ((long) sb.length() * t.length() <= DIRECT) {
            return sb.lastIndexOf(t, from);
        }
        Checkpoint.charge(2L * sb.length());
        return lastIndexOf(sb.toString(), t, from);
    }

    /** {@code String.replace(target, replacement)}: each match searched for in steps, the text it makes charged. */
    public static String replace(String s, CharSequence target, CharSequence replacement) {
        String t = target.toString();
        String r = replacement.toString();
        if ((long) s.length() * Math.max(1, t.length()) <= DIRECT && r.length() <= t.length() + 1) {
            return s.replace(t, r);
        }
        if (t.isEmpty()) {
            Checkpoint.charge(2L * (s.length() + (long) (s.length() + 1) * r.length()));
            return s.replace(t, r);
        }
        StringBuilder out = new StringBuilder();
        long charged = 0;
        int at = 0;
        for (int found; (found = search(s, t, at, s.length())) >= 0; at = found + t.length()) {
            out.append(s, at, found).append(r);
            if (out.length() - charged > CHECK_EVERY) {
                Checkpoint.charge(2L * (out.length() - charged));
                charged = out.length();
            }
        }
        if (at == 0) {
            return s;
        }
        return out.append(s, at, s.length()).toString();
    }

    /** The first match of t starting in [from, to - m], comparing in steps. */
    private static int search(String s, String t, int from, int to) {
        int m = t.length();
        if (m == 0) {
            return from <= to ? from : -1;
        }
        char first = t.charAt(0);
        long steps = 0;
        for (int i = from; i <= to - m; i++) {
            if (s.charAt(i) == first && s.regionMatches(i, t, 0, m)) {
                return i;
            }
            steps += 1 + (m >> 4);
            if (steps > CHECK_EVERY) {
                steps = 0;
                Checkpoint.check();
            }
        }
        return -1;
    }

    // ---- collections ----

    /** {@code a.containsAll(b)}: each lookup in a is one step. */
    public static boolean containsAll(Collection<?> a, Collection<?> b) {
        if (ownMethod(a, "containsAll") || small(a, b)) {
            return a.containsAll(b);
        }
        for (Object e : b) {
            Checkpoint.check();
            if (!a.contains(e)) {
                return false;
            }
        }
        return true;
    }

    /** {@code a.removeAll(b)}: each lookup in b is one step. */
    public static boolean removeAll(Collection<?> a, Collection<?> b) {
        if (ownMethod(a, "removeAll") || small(a, b)) {
            return a.removeAll(b);
        }
        java.util.Objects.requireNonNull(b);
        return a.removeIf(e -> {
            Checkpoint.check();
            return b.contains(e);
        });
    }

    /** {@code a.retainAll(b)}: each lookup in b is one step. */
    public static boolean retainAll(Collection<?> a, Collection<?> b) {
        if (ownMethod(a, "retainAll") || small(a, b)) {
            return a.retainAll(b);
        }
        java.util.Objects.requireNonNull(b);
        return a.removeIf(e -> {
            Checkpoint.check();
            return !b.contains(e);
        });
    }

    /** {@code Collections.disjoint(a, b)}, in steps of one lookup. */
    public static boolean disjoint(Collection<?> a, Collection<?> b) {
        if (small(a, b)) {
            return java.util.Collections.disjoint(a, b);
        }
        // As the JDK: iterate the one that is not a Set (or the smaller), look up in the other.
        Collection<?> iterate = a;
        Collection<?> look = b;
        if (a instanceof java.util.Set<?>) {
            iterate = b;
            look = a;
        } else if (!(a instanceof java.util.Set<?>) && !(b instanceof java.util.Set<?>) && a.size() > b.size()) {
            iterate = b;
            look = a;
        }
        for (Object e : iterate) {
            Checkpoint.check();
            if (look.contains(e)) {
                return false;
            }
        }
        return true;
    }

    /** {@code Collections.indexOfSubList(source, target)}, checking at each position. */
    public static int indexOfSubList(List<?> source, List<?> target) {
        if (small(source, target)) {
            return java.util.Collections.indexOfSubList(source, target);
        }
        int n = source.size();
        int m = target.size();
        for (int i = 0; i <= n - m; i++) {
            Checkpoint.check();
            if (matchesAt(source, target, i)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code Collections.lastIndexOfSubList(source, target)}, checking at each position. */
    public static int lastIndexOfSubList(List<?> source, List<?> target) {
        if (small(source, target)) {
            return java.util.Collections.lastIndexOfSubList(source, target);
        }
        for (int i = source.size() - target.size(); i >= 0; i--) {
            Checkpoint.check();
            if (matchesAt(source, target, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(List<?> source, List<?> target, int at) {
        for (int j = 0; j < target.size(); j++) {
            // Collections.indexOfSubList compares target's element with source's: Objects.equals(t, s).
            if (!java.util.Objects.equals(target.get(j), source.get(at + j))) {
                return false;
            }
        }
        return true;
    }

    private static boolean small(Collection<?> a, Collection<?> b) {
        return (long) a.size() * b.size() <= DIRECT;
    }

    /** Whether the receiver's class (a snippet's) declares the method itself: then that is what is called. */
    private static boolean ownMethod(Object receiver, String name) {
        try {
            ClassLoader l = receiver.getClass().getMethod(name, Collection.class).getDeclaringClass().getClassLoader();
            return l != null && l != ClassLoader.getPlatformClassLoader();
        } catch (NoSuchMethodException e) {
            return true;
        }
    }
}
