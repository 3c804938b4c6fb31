package dev.cantrip.world.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cantrip.world.attr.AttrValue.Bool;
import dev.cantrip.world.attr.AttrValue.Decimal;
import dev.cantrip.world.attr.AttrValue.Int;
import dev.cantrip.world.attr.AttrValue.ListOf;
import dev.cantrip.world.attr.AttrValue.MapOf;
import dev.cantrip.world.attr.AttrValue.Ref;
import dev.cantrip.world.attr.AttrValue.Str;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttrCodecTest {

    @Test
    void encodesCompactly() {
        var entries = new LinkedHashMap<String, AttrValue>();
        entries.put("k", new Int(1));
        entries.put("n", new ListOf(List.of(new Bool(true), new Ref(3), new Decimal(-0.5), new Str("a\"b"))));
        assertThat(AttrCodec.encode(new MapOf(entries))).isEqualTo("{\"k\":1,\"n\":[true,#3,-0.5,\"a\\\"b\"]}");
        assertThat(AttrCodec.encode(new Int(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        assertThat(AttrCodec.encode(new Decimal(1e-7))).isEqualTo("1.0E-7");
    }

    @Test
    void roundTripsRandomValuesExactly() {
        var random = new RandomValues(20240611L, false);
        for (int i = 0; i < 5_000; i++) {
            AttrValue value = random.next();
            String text = AttrCodec.encode(value);
            AttrValue back = AttrCodec.decode(text);
            assertThat(back).as(text).isEqualTo(value);
            assertThat(AttrCodec.encode(back)).isEqualTo(text);
            if (back instanceof MapOf map) {
                assertThat(map.entries().keySet()).containsExactlyElementsOf(((MapOf) value).entries().keySet());
            }
        }
    }

    @Test
    void roundTripsEveryCharInStringsAndKeys() {
        var all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c); // includes NUL, controls and unpaired surrogates
        }
        all.appendCodePoint(0x1F600).appendCodePoint(0x10FFFF);
        String s = all.toString();
        AttrValue value = new MapOf(Map.of(s, new Str(s)));
        String text = AttrCodec.encode(value);
        assertThat(text.chars()).noneMatch(c -> c < 0x20);
        assertThat(AttrCodec.decode(text)).isEqualTo(value);
    }

    @Test
    void roundTripsExtremeNumbers() {
        for (double d : new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL, 0.1, 1e21, 1e-300, 123456789.125}) {
            assertThat(AttrCodec.decode(AttrCodec.encode(new Decimal(d)))).isEqualTo(new Decimal(d));
        }
        for (long n : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
            assertThat(AttrCodec.decode(AttrCodec.encode(new Int(n)))).isEqualTo(new Int(n));
        }
        assertThat(AttrCodec.decode("#9223372036854775807")).isEqualTo(new Ref(Long.MAX_VALUE));
    }

    @Test
    void decodesAcceptedForms() {
        assertThat(AttrCodec.decode("1E3")).isEqualTo(new Decimal(1000));
        assertThat(AttrCodec.decode("\"\\u00e9\\/\"")).isEqualTo(new Str("é/"));
        assertThat(AttrCodec.decode("{}")).isEqualTo(new MapOf(Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " 1", "1 ", "[1, 2]", "{\"a\": 1}", "01", "-0", "+1", "1.", ".5", "1e", "1.0e+", "-", "--1",
        "[1,]", "[,]", "[", "[1", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{a:1}", "{\"a\":1,\"a\":2}",
        "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\", "\"a\nb\"", "#0", "#01", "#", "#x", "#-1",
        "tru", "True", "null", "NaN", "Infinity", "-Infinity", "9223372036854775808", "-9223372036854775809",
        "1e400", "#9223372036854775808", "\"a\"\"b\"", "[1]]", "~2:1", "'a'", "[true false]", "\"\uD800\""
    })
    void decodeRefusesAnythingTheEncoderWouldNotWrite(String text) {
        var e = catchThrowableOfType(AttrFormatException.class, () -> AttrCodec.decode(text));
        assertThat(e).as(text).isNotNull();
        assertThat(e.getMessage()).contains("column " + e.column());
        assertThat(e.hint()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1,x]                  | 4  | Expected a value",
        "[1;2]                  | 3  | Expected ',' or ']'",
        "{\"a\":1,\"a\":2}      | 8  | Duplicate key \"a\"",
        "\"abc                  | 1  | Missing closing",
        "[[1]                   | 5  | Missing ']' to close the list opened at column 1",
        "9223372036854775808    | 1  | out of range",
        "~2:[]                  | 1  | newer storage format",
    })
    void decodeErrorsSayWhatAndWhere(String text, int column, String problem) {
        var e = catchThrowableOfType(AttrFormatException.class, () -> AttrCodec.decode(text));
        assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void decodeSurvivesHostileNesting() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> AttrCodec.decode(deep))
                .isInstanceOf(AttrFormatException.class).hasMessageContaining("levels deep");
        String fine = "[".repeat(200) + "]".repeat(200);
        assertThat(AttrCodec.decode(fine)).isInstanceOf(ListOf.class);
    }
}
