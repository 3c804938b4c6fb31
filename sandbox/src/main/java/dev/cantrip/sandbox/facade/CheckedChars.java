package dev.cantrip.sandbox.facade;

import dev.cantrip.repl.Checkpoint;

/**
 * Input for a regular expression that checks the run's budget as the matcher reads it: a pattern
 * that backtracks for ever reads the same characters for ever, so it is stopped like any loop.
 */
final class CheckedChars implements CharSequence {

    private static final int CHECK_EVERY = 1 << 10;

    private final CharSequence text;
    private int reads;

    CheckedChars(CharSequence text) {
        this.text = text;
    }

    static CharSequence of(CharSequence text) {
        return text instanceof CheckedChars ? text : new CheckedChars(text);
    }

    @Override
    public char charAt(int index) {
        if (++reads == CHECK_EVERY) {
            reads = 0;
            Checkpoint.check();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
