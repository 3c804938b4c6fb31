package dev.cantrip.sandbox.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The searches done in steps give what the JDK's give, on inputs large enough to take the stepped
 * path (length times length over {@link LimitedSearch#DIRECT}) and on small ones.
 */
final class LimitedSearchTest {

    private final Random random = new Random(14);

    private String text(int length, String alphabet) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void textSearchesAreTheJdks() {
        for (int round = 0; round < 60; round++) {
            boolean large = round % 2 == 0;
            String s = text(large ? 6000 : 50, "ab\u00E9");
            int at = random.nextInt(s.length() - 2);
            String t = random.nextBoolean() ? s.substring(at, Math.min(s.length(), at + (large ? 1500 : 3)))
                    : text(large ? 1500 : 3, "ab");
            int from = random.nextInt(s.length() + 10) - 5;
            assertThat(LimitedSearch.indexOf(s, t)).isEqualTo(s.indexOf(t));
            assertThat(LimitedSearch.indexOf(s, t, from)).isEqualTo(s.indexOf(t, from));
            assertThat(LimitedSearch.lastIndexOf(s, t)).isEqualTo(s.lastIndexOf(t));
            assertThat(LimitedSearch.lastIndexOf(s, t, from)).isEqualTo(s.lastIndexOf(t, from));
            assertThat(LimitedSearch.contains(s, t)).isEqualTo(s.contains(t));
            assertThat(LimitedSearch.indexOf(new StringBuilder(s), t, from)).isEqualTo(new StringBuilder(s).indexOf(t, from));
            assertThat(LimitedSearch.lastIndexOf(new StringBuilder(s), t, from))
                    .isEqualTo(new StringBuilder(s).lastIndexOf(t, from));
            String r = text(random.nextInt(4), "xy");
            assertThat(LimitedSearch.replace(s, t, r)).isEqualTo(s.replace(t, r));
            assertThat(LimitedSearch.replace(s, "a", r.repeat(2))).isEqualTo(s.replace("a", r.repeat(2)));
        }
        assertThat(LimitedSearch.replace("abc", "", "-")).isEqualTo("abc".replace("", "-"));
        assertThat(LimitedSearch.lastIndexOf("a".repeat(5000), "", 7)).isEqualTo("a".repeat(5000).lastIndexOf("", 7));
    }

    @Test
    void collectionSearchesAreTheJdks() {
        for (int round = 0; round < 20; round++) {
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            int n = round % 2 == 0 ? 3000 : 20;
            for (int i = 0; i < n; i++) {
                a.add(random.nextInt(n * 2));
                b.add(random.nextInt(n * 2));
            }
            List<Integer> sub = a.subList(n / 3, n / 3 + Math.max(1, n / 2000 + 1));
            assertThat(LimitedSearch.containsAll(a, b)).isEqualTo(a.containsAll(b));
            assertThat(LimitedSearch.containsAll(a, sub)).isEqualTo(a.containsAll(sub)).isTrue();
            assertThat(LimitedSearch.disjoint(a, b)).isEqualTo(Collections.disjoint(a, b));
            assertThat(LimitedSearch.disjoint(new HashSet<>(a), b)).isEqualTo(Collections.disjoint(new HashSet<>(a), b));
            assertThat(LimitedSearch.indexOfSubList(a, sub)).isEqualTo(Collections.indexOfSubList(a, sub));
            assertThat(LimitedSearch.lastIndexOfSubList(a, sub)).isEqualTo(Collections.lastIndexOfSubList(a, sub));
            List<Integer> x = new ArrayList<>(a);
            List<Integer> y = new ArrayList<>(a);
            assertThat(LimitedSearch.removeAll(x, b)).isEqualTo(y.removeAll(b));
            assertThat(x).isEqualTo(y);
            x = new ArrayList<>(a);
            y = new ArrayList<>(a);
            assertThat(LimitedSearch.retainAll(x, b)).isEqualTo(y.retainAll(b));
            assertThat(x).isEqualTo(y);
        }
    }
}
