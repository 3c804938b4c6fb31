package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls that make one large thing inside the JDK in a single step ({@code "x".repeat(1 << 30)},
 * {@code String.format("%999999999d", 1)}): the size is worked out first and charged to the run's
 * allocation budget, so a run past it is stopped before the JDK starts.
 */
public final class LimitedText {

    /** Widths and precisions in a format string larger than this are refused. */
    public static final int MAX_FORMAT_WIDTH = 100_000;
    /** {@code Collections.nCopies} lists longer than this are refused: copying one is a single JDK step. */
    public static final int MAX_COPIES = 10_000_000;

    // %[argument_index$][flags][width][.precision]conversion
    private static final Pattern SPECIFIER = Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?[a-zA-Z%]");

    private LimitedText() {}

    public static String repeat(String s, int count) {
        if (count > 0) {
            Checkpoint.charge(2L * s.length() * count);
        }
        return s.repeat(count);
    }

    public static StringBuilder repeat(StringBuilder sb, CharSequence cs, int count) {
        if (count > 0) {
            Checkpoint.charge(2L * (sb.length() + (long) cs.length() * count));
        }
        return sb.repeat(cs, count);
    }

    public static StringBuilder repeat(StringBuilder sb, int codePoint, int count) {
        if (count > 0) {
            Checkpoint.charge(4L * (sb.length() + (long) count));
        }
        return sb.repeat(codePoint, count);
    }

    public static String format(String format, Object... args) {
        widths(format, args);
        return String.format(format, args);
    }

    public static String format(Locale l, String format, Object... args) {
        widths(format, args);
        return String.format(l, format, args);
    }

    public static String formatted(String format, Object... args) {
        widths(format, args);
        return format.formatted(args);
    }

    /*
     * A PrintStream formats while it holds its own monitor, calling the arguments' toString (snippet
     * code) inside it; System.out is the host's stream. The text is made first, outside any
     * monitor, with the locale the stream would use, and printed as one string.
     */
    public static PrintStream printf(PrintStream out, String format, Object... args) {
        return format(out, format, args);
    }

    public static PrintStream printf(PrintStream out, Locale l, String format, Object... args) {
        return format(out, l, format, args);
    }

    public static PrintStream format(PrintStream out, String format, Object... args) {
        widths(format, args);
        out.print(String.format(Locale.getDefault(Locale.Category.FORMAT), format, args));
        return out;
    }

    public static PrintStream format(PrintStream out, Locale l, String format, Object... args) {
        widths(format, args);
        out.print(String.format(l, format, args));
        return out;
    }

    public static PrintWriter printf(PrintWriter out, String format, Object... args) {
        widths(format, args);
        return out.printf(format, args);
    }

    public static PrintWriter printf(PrintWriter out, Locale l, String format, Object... args) {
        widths(format, args);
        return out.printf(l, format, args);
    }

    public static PrintWriter format(PrintWriter out, String format, Object... args) {
        widths(format, args);
        return out.format(format, args);
    }

    public static PrintWriter format(PrintWriter out, Locale l, String format, Object... args) {
        widths(format, args);
        return out.format(l, format, args);
    }

    /** {@code String.join}: the delimiter is copied once per element, so the text made is charged first. */
    public static String join(CharSequence delimiter, CharSequence... elements) {
        long length = 0;
        for (CharSequence e : elements) {
            length += (e == null ? 4 : e.length()) + (long) delimiter.length();
        }
        Checkpoint.charge(2 * length);
        return String.join(delimiter, elements);
    }

    public static String join(CharSequence delimiter, Iterable<? extends CharSequence> elements) {
        java.util.Objects.requireNonNull(delimiter);
        long length = 0;
        int seen = 0;
        for (CharSequence e : elements) {
            length += (e == null ? 4 : e.length()) + (long) delimiter.length();
            if (++seen % 1024 == 0) {
                Checkpoint.check();
            }
        }
        Checkpoint.charge(2 * length);
        return String.join(delimiter, elements);
    }

    /** Every line gains {@code n} spaces: charged as lines times n. */
    public static String indent(String s, int n) {
        if (n > 0) {
            long lines = s.lines().count();
            Checkpoint.charge(2L * (s.length() + lines * n));
        }
        return s.indent(n);
    }

    public static <T> List<T> nCopies(int n, T o) {
        if (n > MAX_COPIES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "nCopies(%,d, ...) is too long for a snippet (up to %,d)", n, MAX_COPIES));
        }
        return Collections.nCopies(n, o);
    }

    /**
     * A format's widths are checked, and the text of every argument that holds other objects
     * (a nested list) is walked within the budget ({@link LimitedStructures#preWalk}) before the
     * JDK's formatter turns it into text unchecked.
     */
    private static void widths(String format, Object[] args) {
        widths(format);
        LimitedStructures.preWalk(args);
    }

    private static void widths(String format) {
        if (format == null) {
            return;
        }
        Matcher m = SPECIFIER.matcher(format);
        while (m.find()) {
            for (String g : new String[] {m.group(3), m.group(4)}) {
                if (g == null) {
                    continue;
                }
                String digits = g.startsWith(".") ? g.substring(1) : g;
                if (digits.length() > 9 || Integer.parseInt(digits) > MAX_FORMAT_WIDTH) {
                    throw new IllegalArgumentException("the format " + m.group() + " asks for a width or precision over "
                            + String.format(Locale.ROOT, "%,d", MAX_FORMAT_WIDTH) + " characters");
                }
            }
        }
    }
}
