package dev.cantrip.world.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.world.attr.AttrValue.Int;
import dev.cantrip.world.attr.AttrValue.ListOf;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Host walks over values count every part they visit, so a value that holds the same part many
 * times (a kilobyte of shared lists standing for 30^10 elements) is refused at the cap, before it
 * is expanded, rather than filling the heap.
 */
class SharedPartsTest {

    /** Ten levels, each a list of 30 references to the level below: 30^10 elements, as a kilobyte. */
    private static Object sharedLists(int levels, int width) {
        Object level = 1L;
        for (int i = 0; i < levels; i++) {
            level = new ArrayList<>(Collections.nCopies(width, level));
        }
        return level;
    }

    @Test
    void aValueOfSharedListsIsRefusedBeforeItIsExpanded() {
        Object boom = sharedLists(10, 30);
        long start = System.nanoTime();
        assertThatThrownBy(() -> AttrValue.fromJava(boom))
                .isInstanceOf(AttrRejectedException.class)
                .hasMessage("The value is too large to store: over 65,536 bytes when encoded (a part it holds more than"
                        + " once counts each time). Store less, or split it across several attributes.");
        // A generous bound: counting stops at the cap (65,536 visits), not after 30^10.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        // Shared parts that fit are converted as often as they appear.
        AttrValue small = AttrValue.fromJava(sharedLists(3, 10));
        assertThat(((ListOf) small).items()).hasSize(10);
        assertThat(AttrValidator.encodedSize(small, AttrLimits.DEFAULTS)).isEqualTo(2 + 9 + 10 * (2 + 9 + 10 * (2 + 9 + 10)));
    }

    @Test
    void valuesBuiltFromValuesAreCountedWhole() {
        // Each level converts the one before, handed over as an AttrValue thirty times: each
        // conversion looks cheap, but what it holds is counted, so the level that passes the cap is refused.
        AttrValue level = AttrValue.fromJava(1L);
        int levels = 0;
        try {
            for (; levels < 10; levels++) {
                level = AttrValue.fromJava(Collections.nCopies(30, level));
            }
        } catch (AttrRejectedException e) {
            assertThat(e).hasMessageContaining("too large to store");
        }
        assertThat(levels).isEqualTo(3); // 30^3 = 27,000 parts fit; 30^4 do not
    }

    @Test
    void aSharedLongStringCountsEachTimeItAppears() {
        String s = "y".repeat(1_000);
        assertThat(AttrValue.fromJava(Collections.nCopies(60, s))).isInstanceOf(ListOf.class);
        assertThatThrownBy(() -> AttrValue.fromJava(Collections.nCopies(100, s)))
                .hasMessageContaining("too large to store");
        assertThatThrownBy(() -> AttrValue.fromJava(Map.of("k", Collections.nCopies(100, new AttrValue.Str(s)))))
                .hasMessageContaining("too large to store");
    }

    @Test
    void aCollectionsClaimedSizeIsNotTrusted() {
        // A collection's size is its own word: one that claims two billion elements must not make
        // the conversion ask for room for them.
        List<Long> liar = new AbstractList<>() {
            @Override
            public Long get(int index) {
                return (long) index;
            }

            @Override
            public int size() {
                return Integer.MAX_VALUE;
            }

            @Override
            public java.util.Iterator<Long> iterator() {
                return List.of(1L, 2L, 3L).iterator();
            }
        };
        assertThat(AttrValue.fromJava(liar)).isEqualTo(new ListOf(List.of(new Int(1), new Int(2), new Int(3))));
    }

    @Test
    void writingAValueOfSharedPartsStopsAtItsCap() {
        // Host code can still build one with the constructors (snippets cannot): 8^16 parts, 16 deep.
        AttrValue v = new Int(7);
        for (int i = 0; i < 16; i++) {
            v = new ListOf(Collections.nCopies(8, v));
        }
        AttrValue shared = v;
        assertThatThrownBy(shared::display)
                .isInstanceOf(AttrRejectedException.class)
                .hasMessage("The value has more than 1,048,576 parts (a part it holds more than once counts each time),"
                        + " too many to write out.");
        assertThatThrownBy(() -> AttrCodec.encode(shared)).hasMessageContaining("more than 1,048,576 parts");
        assertThatThrownBy(() -> AttrValidator.validate(shared)).hasMessageContaining("too large to store");
        assertThatThrownBy(() -> AttrValue.fromJava(shared)).hasMessageContaining("too large to store");
    }
}
