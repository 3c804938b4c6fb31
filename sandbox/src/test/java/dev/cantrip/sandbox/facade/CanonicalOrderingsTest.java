package dev.cantrip.sandbox.facade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The orderings {@code CANON_EQ} makes the JDK build are counted by its own rules (n! for n marks
 * on a letter, and again for each composed letter), without building them, and a pattern past the
 * limit is refused with a message; ordinary patterns compile and match as the JDK's.
 */
final class CanonicalOrderingsTest {

    private static final String HEBREW = "\u05B0\u05B1\u05B2\u05B3\u05B4\u05B5\u05B6\u05B7\u05B8\u05B9\u05BB\u05BC";

    @Test
    void marksOnOneLetterMakeTheirFactorialAndComposingMarksMakeMore() {
        assertThat(CanonicalOrderings.count("a" + HEBREW.substring(0, 7), Long.MAX_VALUE / 8).orderings()).isEqualTo(5040);
        assertThat(CanonicalOrderings.count("a" + HEBREW.substring(0, 11), 10_000).orderings()).isGreaterThan(10_000);
        assertThat(CanonicalOrderings.count("a" + HEBREW.substring(0, 11), 10_000).longestRun()).isEqualTo(11);
        // A grave accent composes with a: its 6! orderings are each worked again for the 6 other marks.
        assertThat(CanonicalOrderings.count("a\u0300" + HEBREW.substring(0, 6), Long.MAX_VALUE / 8).orderings())
                .isEqualTo(5040 + 720 * 720);
        // Plain text, classes, escapes and metacharacters make none; a mark after a metacharacter counts.
        assertThat(CanonicalOrderings.count("abc[a" + HEBREW + "]\\\\(x)", 10_000).orderings()).isZero();
        assertThat(CanonicalOrderings.count("(" + HEBREW.substring(0, 9), 10_000).orderings()).isGreaterThan(10_000);
        assertThat(CanonicalOrderings.count("e\u0301", 10_000).orderings()).isEqualTo(2);
    }

    @Test
    void theRegexStandInRefusesWhatIsTooManyAndCompilesTheRestAsTheJdk() {
        assertThatThrownBy(() -> LimitedRegex.compile("x" + "a" + HEBREW.substring(0, 11), Pattern.CANON_EQ))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the regular expression's combining marks (11 on one letter) would make CANON_EQ build over"
                        + " 10,000 orderings of them, too many for a snippet: use fewer marks or no CANON_EQ");
        String ordinary = "caf\u00E9|na\u0131\u0308ve|[\u00E0-\u00FF]+";
        Pattern mine = LimitedRegex.compile(ordinary, Pattern.CANON_EQ);
        Pattern jdk = Pattern.compile(ordinary, Pattern.CANON_EQ);
        for (String input : new String[] {"cafe\u0301", "caf\u00E9", "na\u0131\u0308ve", "\u00E9\u00E8", "cafe"}) {
            assertThat(mine.matcher(input).matches()).as(input).isEqualTo(jdk.matcher(input).matches());
        }
        assertThat(LimitedRegex.compile("a" + HEBREW.substring(0, 11), Pattern.CANON_EQ | Pattern.LITERAL)).isNotNull();
    }
}
