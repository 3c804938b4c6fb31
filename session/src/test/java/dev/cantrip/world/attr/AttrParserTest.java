package dev.cantrip.world.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cantrip.world.attr.AttrValue.Bool;
import dev.cantrip.world.attr.AttrValue.Decimal;
import dev.cantrip.world.attr.AttrValue.Int;
import dev.cantrip.world.attr.AttrValue.ListOf;
import dev.cantrip.world.attr.AttrValue.MapOf;
import dev.cantrip.world.attr.AttrValue.Ref;
import dev.cantrip.world.attr.AttrValue.Str;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AttrParserTest {

    @Test
    void scalars() {
        assertThat(AttrParser.parse("42")).isEqualTo(new Int(42));
        assertThat(AttrParser.parse("  -7 ")).isEqualTo(new Int(-7));
        assertThat(AttrParser.parse("+3")).isEqualTo(new Int(3));
        assertThat(AttrParser.parse("0")).isEqualTo(new Int(0));
        assertThat(AttrParser.parse("-9223372036854775808")).isEqualTo(new Int(Long.MIN_VALUE));
        assertThat(AttrParser.parse("3.5")).isEqualTo(new Decimal(3.5));
        assertThat(AttrParser.parse("1e3")).isEqualTo(new Decimal(1000));
        assertThat(AttrParser.parse("-2.5E-2")).isEqualTo(new Decimal(-0.025));
        assertThat(AttrParser.parse("true")).isEqualTo(new Bool(true));
        assertThat(AttrParser.parse("false")).isEqualTo(new Bool(false));
        assertThat(AttrParser.parse("#12")).isEqualTo(new Ref(12));
        assertThat(AttrParser.parse("\"quoted \\\"text\\\"\\n\\t\\u00e9\"")).isEqualTo(new Str("quoted \"text\"\n\té"));
        assertThat(AttrParser.parse("\"42\"")).isEqualTo(new Str("42"));
    }

    @Test
    void structures() {
        assertThat(AttrParser.parse("[1, 2, \"x\"]")).isEqualTo(new ListOf(List.of(new Int(1), new Int(2), new Str("x"))));
        assertThat(AttrParser.parse("[ ]")).isEqualTo(new ListOf(List.of()));
        assertThat(AttrParser.parse(" { } ")).isEqualTo(new MapOf(Map.of()));
        AttrValue map = AttrParser.parse("{\"hp\": 10, tags: [\"a\"], max-hp: 1.5, ref: #4, ok : true}");
        assertThat(map.display()).isEqualTo("{\"hp\": 10, \"tags\": [\"a\"], \"max-hp\": 1.5, \"ref\": #4, \"ok\": true}");
        assertThat(AttrParser.parse("[[1,[2]],{\"a\":{}}]").display()).isEqualTo("[[1, [2]], {\"a\": {}}]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "the Brave|the Brave",
        "  padded text  |padded text",
        "12 apples|12 apples",
        "007|007",
        "3.5.1|3.5.1",
        "1.|1.",
        ".5|.5",
        "#ff8800|#ff8800",
        "#|#",
        "True|True",
        "-|-",
        "hello \"world\"|hello \"world\"",
        "a [b]|a [b]",
        "nullable|nullable",
    })
    void anythingElseIsPlainText(String typed, String stored) {
        assertThat(AttrParser.parse(typed)).isEqualTo(new Str(stored));
    }

    @Test
    void emptyTextIsTheEmptyString() {
        assertThat(AttrParser.parse("")).isEqualTo(new Str(""));
        assertThat(AttrParser.parse("  \t ")).isEqualTo(new Str(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "[1, 2|6|Missing ']' to close the list opened at column 1",
        "   [1,,2]|7|Expected a value, found ','",
        "[1, 2,]|6|Trailing ','",
        "[a, b]|2|Text inside a list or map must be in double quotes",
        "{\"a\" 1}|6|Expected ':' after the key",
        "{\"a\": 1, \"a\": 2}|10|Duplicate key",
        "{1: 2}|2|Expected a key",
        "\"unterminated|1|Missing closing '\"'",
        "\"done\" then more|8|Unexpected 't' after the value",
        "\"bad \\q escape\"|6|Unknown escape '\\q'",
        "99999999999999999999|1|out of range",
        "[1, 99999999999999999999]|5|out of range",
        "1e400|1|too large",
        "#0|1|start at #1",
        "#99999999999999999999|1|too large",
        "NaN|1|NaN and Infinity",
        "-Infinity|1|NaN and Infinity",
        "inf|1|NaN and Infinity",
        "[1, NaN]|5|NaN and Infinity",
        "[-Infinity]|2|NaN and Infinity",
        "null|1|null is not a value",
        "[null]|2|null is not a value",
        "[01]|2|leading zero",
        "[1.]|4|digit after the decimal point",
    })
    void malformedStructuredTextIsRefusedWithColumnAndHint(String typed, int column, String problem) {
        var e = catchThrowableOfType(AttrFormatException.class, () -> AttrParser.parse(typed));
        assertThat(e).as(typed).isNotNull();
        assertThat(e.getMessage()).as(typed).contains(problem).contains("column " + column);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.hint()).hasValueSatisfying(h -> assertThat(h).contains("double quotes"));
    }

    @Test
    void columnsCountCodePoints() {
        var e = catchThrowableOfType(AttrFormatException.class, () -> AttrParser.parse("[\"😀😀\" x]"));
        assertThat(e.column()).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 100_000})
    void hostileNestingIsAnErrorNotAStackOverflow(int depth) {
        var e = catchThrowableOfType(AttrFormatException.class, () -> AttrParser.parse("[".repeat(depth) + "]".repeat(depth)));
        assertThat(e.getMessage()).contains("levels deep");
    }

    @Test
    void displayParsesBackToAnEqualValue() {
        var random = new RandomValues(99, false);
        for (int i = 0; i < 5_000; i++) {
            AttrValue value = random.next();
            assertThat(AttrParser.parse(value.display())).as(value.display()).isEqualTo(value);
        }
    }
}
