package dev.cantrip.world.attr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recursive-descent reader for the value grammar shared by the storage text and what builders
 * type. The two differ only where people need slack: {@link Syntax#USER} allows whitespace
 * between tokens, a leading '+', bare-name map keys, and attaches a hint to every error;
 * {@link Syntax#STORAGE} accepts only the canonical text {@link AttrText} writes, so a corrupt or
 * hand-edited row is noticed instead of half-understood.
 */
final class LiteralReader {

    enum Syntax { STORAGE, USER }

    /**
     * Guards the call stack only; the configurable depth limit is {@link AttrValidator}'s job, and
     * keeping the two apart means lowering that limit never makes stored rows unreadable.
     */
    static final int MAX_READ_DEPTH = 256;

    private final String text;
    private final Syntax syntax;
    private final String hint;
    private int pos;

    LiteralReader(String text, Syntax syntax, String hint) {
        this.text = text;
        this.syntax = syntax;
        this.hint = hint;
    }

    /** Reads one value starting at {@code start} and insists nothing but whitespace (USER) follows. */
    AttrValue readWhole(int start) {
        pos = start;
        AttrValue value = readValue(0);
        skipSpace();
        if (pos < text.length()) {
            throw fail("Unexpected " + describeHere() + " after the value", pos);
        }
        return value;
    }

    private AttrValue readValue(int depth) {
        skipSpace();
        if (pos >= text.length()) {
            throw fail("Expected a value but the text ended", pos);
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '"' -> new AttrValue.Str(readString());
            case '[' -> readList(depth + 1);
            case '{' -> readMap(depth + 1);
            case '#' -> readRef();
            case '-', '+' -> readNumber();
            default -> {
                if (isDigit(c)) {
                    yield readNumber();
                }
                if (isAsciiLetter(c) || c == '_') {
                    yield readWordValue();
                }
                throw fail("Expected a value, found " + describeHere(), pos);
            }
        };
    }

    private AttrValue readList(int depth) {
        int open = pos;
        checkDepth(depth, open);
        pos++;
        List<AttrValue> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return new AttrValue.ListOf(items);
        }
        while (true) {
            items.add(readValue(depth));
            skipSpace();
            if (pos >= text.length()) {
                throw fail("Missing ']' to close the list opened at column " + column(open), pos);
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return new AttrValue.ListOf(items);
            }
            if (c != ',') {
                throw fail("Expected ',' or ']' after a list item, found " + describeHere(), pos);
            }
            int comma = pos++;
            skipSpace();
            if (peek() == ']') {
                throw fail("Trailing ',' before ']'", comma);
            }
        }
    }

    private AttrValue readMap(int depth) {
        int open = pos;
        checkDepth(depth, open);
        pos++;
        Map<String, AttrValue> entries = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new AttrValue.MapOf(entries);
        }
        while (true) {
            skipSpace();
            int keyAt = pos;
            String key = readKey();
            skipSpace();
            if (peek() != ':') {
                throw fail("Expected ':' after the key, found " + describeHere(), pos);
            }
            pos++;
            AttrValue value = readValue(depth);
            if (entries.putIfAbsent(key, value) != null) {
                throw fail("Duplicate key " + quoted(key), keyAt);
            }
            skipSpace();
            if (pos >= text.length()) {
                throw fail("Missing '}' to close the map opened at column " + column(open), pos);
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return new AttrValue.MapOf(entries);
            }
            if (c != ',') {
                throw fail("Expected ',' or '}' after a map entry, found " + describeHere(), pos);
            }
            int comma = pos++;
            skipSpace();
            if (peek() == '}') {
                throw fail("Trailing ',' before '}'", comma);
            }
        }
    }

    private String readKey() {
        char c = peek();
        if (c == '"') {
            return readString();
        }
        if (syntax == Syntax.USER && (isAsciiLetter(c) || c == '_')) {
            // Bare keys follow the attribute-name alphabet so `{max-hp: 3}` reads naturally.
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }
        String expected = syntax == Syntax.USER ? "Expected a key (a name or a quoted string)" : "Expected a quoted key";
        throw fail(expected + ", found " + describeHere(), pos);
    }

    private String readString() {
        int open = pos++;
        var out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw fail("Missing closing '\"' for the string opened", open);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c == '\\') {
                readEscape(out);
                continue;
            }
            if (syntax == Syntax.STORAGE) {
                // The encoder escapes these, so finding one raw means the row was not written by us.
                if (c < 0x20) {
                    throw fail("Raw control character U+" + hex4(c) + " in a string", pos);
                }
                if (Character.isHighSurrogate(c) && pos + 1 < text.length() && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    out.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                if (Character.isSurrogate(c)) {
                    throw fail("Unpaired surrogate U+" + hex4(c) + " in a string", pos);
                }
            }
            out.append(c);
            pos++;
        }
    }

    private void readEscape(StringBuilder out) {
        int at = pos;
        if (pos + 1 >= text.length()) {
            throw fail("Unfinished escape '\\' at the end of the text", at);
        }
        char e = text.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case '/' -> out.append('/');
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'u' -> {
                if (pos + 4 > text.length()) {
                    throw fail("Escape '\\u' needs four hex digits", at);
                }
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = hexDigit(text.charAt(pos + i));
                    if (digit < 0) {
                        throw fail("Escape '\\u' needs four hex digits", at);
                    }
                    code = code * 16 + digit;
                }
                pos += 4;
                out.append((char) code);
            }
            default -> throw fail("Unknown escape '\\" + printable(e) + "' (use \\\\ for a backslash)", at);
        }
    }

    private AttrValue readRef() {
        int at = pos++;
        int digits = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw fail("Expected an object number after '#'", at);
        }
        if (syntax == Syntax.STORAGE && text.charAt(digits) == '0') {
            throw fail("Object number with a leading zero", at);
        }
        long id;
        try {
            id = Long.parseLong(text, digits, pos, 10);
        } catch (NumberFormatException e) {
            throw fail("Object number " + text.substring(at, pos) + " is too large", at);
        }
        if (id < 1) {
            throw fail("Object numbers start at #1", at);
        }
        return new AttrValue.Ref(id);
    }

    /** JSON-style numbers: no leading zeros; a fraction or exponent makes it a decimal. */
    private AttrValue readNumber() {
        int start = pos;
        char first = text.charAt(pos);
        if (first == '+' && syntax == Syntax.STORAGE) {
            throw fail("Unexpected '+' before a number", pos);
        }
        if (first == '-' || first == '+') {
            pos++;
            if (pos < text.length() && isAsciiLetter(text.charAt(pos))) {
                int wordAt = pos;
                String word = readWord();
                if (isNonFiniteWord(word)) {
                    throw fail("NaN and Infinity cannot be stored", start);
                }
                throw fail("Expected a digit after '" + first + "'", wordAt);
            }
        }
        int intStart = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == intStart) {
            throw fail("Expected a digit after '" + first + "'", pos);
        }
        if (text.charAt(intStart) == '0' && pos - intStart > 1) {
            throw fail("Numbers cannot start with a leading zero", intStart);
        }
        boolean decimal = false;
        if (peek() == '.') {
            decimal = true;
            pos++;
            requireDigits("Expected a digit after the decimal point");
        }
        if (peek() == 'e' || peek() == 'E') {
            decimal = true;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits("Expected a digit in the exponent");
        }
        String number = text.substring(start, pos);
        if (!decimal) {
            if (syntax == Syntax.STORAGE && number.equals("-0")) {
                throw fail("Whole number written as -0", start);
            }
            try {
                return new AttrValue.Int(Long.parseLong(number));
            } catch (NumberFormatException e) {
                throw fail("Whole number " + number + " is out of range (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")", start);
            }
        }
        double value = Double.parseDouble(number);
        if (!Double.isFinite(value)) {
            throw fail("Number " + number + " is too large for a decimal", start);
        }
        return new AttrValue.Decimal(value);
    }

    private void requireDigits(String problem) {
        int digits = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw fail(problem, pos);
        }
    }

    private AttrValue readWordValue() {
        int at = pos;
        String word = readWord();
        switch (word) {
            case "true" -> {
                return new AttrValue.Bool(true);
            }
            case "false" -> {
                return new AttrValue.Bool(false);
            }
            case "null" -> throw fail("null is not a value; leave the entry out instead", at);
            default -> {
                if (isNonFiniteWord(word)) {
                    throw fail("NaN and Infinity cannot be stored", at);
                }
                if (syntax == Syntax.USER) {
                    throw fail("Text inside a list or map must be in double quotes, found " + word, at);
                }
                throw fail("Expected a value, found " + word, at);
            }
        }
    }

    private String readWord() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    static boolean isNonFiniteWord(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("nan") || w.equals("inf") || w.equals("infinity");
    }

    private void checkDepth(int depth, int at) {
        if (depth > MAX_READ_DEPTH) {
            throw fail("Nested more than " + MAX_READ_DEPTH + " levels deep", at);
        }
    }

    private void skipSpace() {
        if (syntax == Syntax.USER) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        return "'" + printable(text.charAt(pos)) + "'";
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) ? "U+" + hex4(c) : String.valueOf(c);
    }

    private static String quoted(String key) {
        var out = new StringBuilder();
        AttrText.writeString(out, key);
        return out.toString();
    }

    private static String hex4(char c) {
        return String.format(Locale.ROOT, "%04X", (int) c);
    }

    /** ASCII only: Character.digit would also accept other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isNameChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_' || c == '.' || c == '-';
    }

    private int column(int index) {
        return text.codePointCount(0, Math.min(index, text.length())) + 1;
    }

    AttrFormatException fail(String problem, int at) {
        return new AttrFormatException(problem, column(at), hint);
    }
}
