package dev.cantrip.world.attr;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.world.attr.AttrValue.Int;
import dev.cantrip.world.attr.AttrValue.ListOf;
import dev.cantrip.world.attr.AttrValue.MapOf;
import dev.cantrip.world.attr.AttrValue.Str;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttrValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"damage", "_x", "a.b-c_d", "Z9", "a"})
    void acceptsNames(String name) {
        assertThatCode(() -> AttrValidator.validateName(name)).doesNotThrowAnyException();
        assertThatCode(() -> AttrValidator.validateName("a".repeat(64))).doesNotThrowAnyException();
    }

    @Test
    void refusesNamesSayingWhy() {
        assertThatThrownBy(() -> AttrValidator.validateName("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AttrValidator.validateName("a".repeat(65))).hasMessageContaining("65 characters");
        assertThatThrownBy(() -> AttrValidator.validateName("9lives")).hasMessageContaining("start with a letter").hasMessageContaining("'9'");
        assertThatThrownBy(() -> AttrValidator.validateName(".x")).hasMessageContaining("'.'");
        assertThatThrownBy(() -> AttrValidator.validateName("two words")).hasMessageContaining("U+0020").hasMessageContaining("position 4");
        assertThatThrownBy(() -> AttrValidator.validateName("café")).isInstanceOf(AttrRejectedException.class).hasMessageContaining("'é'");
    }

    @Test
    void acceptsOrdinaryValues() {
        var random = new RandomValues(5, true);
        for (int i = 0; i < 1_000; i++) {
            AttrValue value = random.next();
            assertThatCode(() -> AttrValidator.validate(value)).as(value.display()).doesNotThrowAnyException();
        }
    }

    @Test
    void computedSizeIsTheEncodedSize() {
        var random = new RandomValues(11, true);
        for (int i = 0; i < 3_000; i++) {
            AttrValue value = random.next();
            assertThat(AttrValidator.encodedSize(value, AttrLimits.DEFAULTS))
                    .isEqualTo(AttrCodec.encode(value).getBytes(UTF_8).length);
        }
        String awkward = "\"\\\n\t\r\u0000\u0001\u007F\u0085é€😀\uD800";
        assertThat(AttrValidator.quotedSize(awkward)).isEqualTo(AttrCodec.encode(new Str(awkward)).getBytes(UTF_8).length);
    }

    @Test
    void refusesTooDeep() {
        AttrValue value = new Int(1);
        for (int i = 0; i < 16; i++) {
            value = new ListOf(List.of(value));
        }
        AttrValue sixteen = value;
        assertThatCode(() -> AttrValidator.validate(sixteen)).doesNotThrowAnyException();
        AttrValue seventeen = new MapOf(Map.of("inner", value));
        assertThatThrownBy(() -> AttrValidator.validate(seventeen))
                .isInstanceOf(AttrRejectedException.class)
                .hasMessageContaining("nested 17 levels deep")
                .hasMessageContaining("value.inner" + "[0]".repeat(15))
                .hasMessageContaining("Flatten");
    }

    @Test
    void refusesTooManyEntries() {
        var items = Collections.<AttrValue>nCopies(10_001, new Int(1));
        assertThatThrownBy(() -> AttrValidator.validate(new ListOf(items)))
                .hasMessageContaining("10001 items").hasMessageContaining("limit is 10000");
        var entries = new java.util.HashMap<String, AttrValue>();
        for (int i = 0; i <= 10_000; i++) {
            entries.put("k" + i, new Int(i));
        }
        assertThatThrownBy(() -> AttrValidator.validate(new MapOf(entries))).hasMessageContaining("10001 entries");
    }

    @Test
    void refusesLongStringsAndKeys() {
        String big = "x".repeat(AttrLimits.DEFAULTS.maxStringLength() + 1);
        assertThatThrownBy(() -> AttrValidator.validate(new Str(big))).hasMessageContaining("The string at value is 32769");
        assertThatThrownBy(() -> AttrValidator.validate(new MapOf(Map.of(big, new Int(1))))).hasMessageContaining("The key of");
    }

    @Test
    void refusesOversizedValuesAtTheExactLimitAndEarly() {
        var limits = new AttrLimits(100, 16, 1000, 1000);
        assertThatCode(() -> AttrValidator.validate(new Str("a".repeat(98)), limits)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AttrValidator.validate(new Str("a".repeat(99)), limits))
                .hasMessageContaining("too large").hasMessageContaining("100 bytes");
        assertThatThrownBy(() -> AttrValidator.validate(new Str("é".repeat(50)), limits)).hasMessageContaining("too large");

        // 10,000 lists of 10,000 items each: within per-container limits, enormous when encoded.
        var inner = new ListOf(Collections.nCopies(10_000, new Int(123456789)));
        var outer = new ListOf(Collections.nCopies(10_000, inner));
        assertThatThrownBy(() -> AttrValidator.validate(outer)).hasMessageContaining("65536 bytes");
    }

    @Test
    void refusesUnstorableCharactersNamingWhere() {
        assertThatThrownBy(() -> AttrValidator.validate(new ListOf(List.of(new Str("ok"), new Str("a\u0000b")))))
                .hasMessageContaining("value[1]").hasMessageContaining("NUL").hasMessageContaining("position 2");
        assertThatThrownBy(() -> AttrValidator.validate(new Str("x\uD83D")))
                .hasMessageContaining("unpaired surrogate (U+D83D)");
        assertThatThrownBy(() -> AttrValidator.validate(new Str("\uDE00x"))).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> AttrValidator.validate(new MapOf(Map.of("bad\uDC00 key", new Int(1)))))
                .hasMessageContaining("The key of value[\"bad\\uDC00 key\"]");
        assertThatThrownBy(() -> AttrValidator.validate(new MapOf(Map.of("k", new Str("\u0000")))))
                .hasMessageContaining("value.k");
        assertThatCode(() -> AttrValidator.validate(new Str("😀 and \u001B are fine"))).doesNotThrowAnyException();
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new AttrLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(AttrLimits.DEFAULTS.maxEncodedBytes()).isEqualTo(65_536);
        assertThat(AttrLimits.DEFAULTS.maxDepth()).isEqualTo(16);
    }
}
