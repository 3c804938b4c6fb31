package dev.cantrip.world.attr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cantrip.world.attr.AttrValue.Bool;
import dev.cantrip.world.attr.AttrValue.Decimal;
import dev.cantrip.world.attr.AttrValue.Int;
import dev.cantrip.world.attr.AttrValue.ListOf;
import dev.cantrip.world.attr.AttrValue.MapOf;
import dev.cantrip.world.attr.AttrValue.Ref;
import dev.cantrip.world.attr.AttrValue.Str;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AttrValueTest {

    @Test
    void typeNames() {
        assertThat(List.of(new Int(1), new Decimal(1), new Str(""), new Bool(true), new ListOf(List.of()),
                new MapOf(Map.of()), new Ref(1)).stream().map(AttrValue::typeName))
                .containsExactly("int", "decimal", "string", "bool", "list", "map", "ref");
    }

    @Test
    void displayForms() {
        assertThat(new Int(-12).display()).isEqualTo("-12");
        assertThat(new Decimal(3.5).display()).isEqualTo("3.5");
        assertThat(new Decimal(1e10).display()).isEqualTo("1.0E10");
        assertThat(new Decimal(2).display()).isEqualTo("2.0");
        assertThat(new Bool(false).display()).isEqualTo("false");
        assertThat(new Ref(3).display()).isEqualTo("#3");
        assertThat(new ListOf(List.of(new Int(1), new Str("a"), new Ref(3))).display()).isEqualTo("[1, \"a\", #3]");
        var map = new LinkedHashMap<String, AttrValue>();
        map.put("k", new Int(1));
        map.put("n", new ListOf(List.of(new Bool(true))));
        assertThat(new MapOf(map).display()).isEqualTo("{\"k\": 1, \"n\": [true]}");
        assertThat(new ListOf(List.of()).display()).isEqualTo("[]");
        assertThat(new MapOf(Map.of()).display()).isEqualTo("{}");
    }

    @Test
    void displayEscapesStringsAndNeutralisesTerminalControls() {
        assertThat(new Str("a\"b\\c\nd\te").display()).isEqualTo("\"a\\\"b\\\\c\\nd\\te\"");
        assertThat(new Str("\u001B[2J").display()).isEqualTo("\"\\u001B[2J\"");
        assertThat(new Str("\u009B").display()).isEqualTo("\"\\u009B\"");
        assertThat(new Str("é😀").display()).isEqualTo("\"é😀\"");
        assertThat(new Str("\uD800x").display()).isEqualTo("\"\\uD800x\"");
    }

    @Test
    void containersAreImmutableCopiesAndMapsKeepOrder() {
        var source = new ArrayList<AttrValue>(List.of(new Int(1)));
        var list = new ListOf(source);
        source.add(new Int(2));
        assertThat(list.items()).containsExactly(new Int(1));
        assertThatThrownBy(() -> list.items().add(new Int(3))).isInstanceOf(UnsupportedOperationException.class);

        var entries = new LinkedHashMap<String, AttrValue>();
        for (String k : List.of("z", "a", "m")) {
            entries.put(k, new Str(k));
        }
        var map = new MapOf(entries);
        entries.put("b", new Int(0));
        assertThat(map.entries().keySet()).containsExactly("z", "a", "m");
        assertThatThrownBy(() -> map.entries().put("q", new Int(1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructionRefusesWhatNoValueMayBe() {
        assertThatThrownBy(() -> new Decimal(Double.NaN)).isInstanceOf(AttrRejectedException.class);
        assertThatThrownBy(() -> new Decimal(Double.NEGATIVE_INFINITY)).isInstanceOf(AttrRejectedException.class);
        assertThatThrownBy(() -> new Ref(0)).isInstanceOf(AttrRejectedException.class).hasMessageContaining("#1");
        assertThatThrownBy(() -> new Str(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ListOf(Arrays.asList(new Int(1), null)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("item 1");
        var withNull = new HashMap<String, AttrValue>();
        withNull.put("k", null);
        assertThatThrownBy(() -> new MapOf(withNull)).isInstanceOf(NullPointerException.class).hasMessageContaining("\"k\"");
    }

    @Test
    void fromJavaConvertsTheAllowedTypes() {
        assertThat(AttrValue.fromJava(5)).isEqualTo(new Int(5));
        assertThat(AttrValue.fromJava(5L)).isEqualTo(new Int(5));
        assertThat(AttrValue.fromJava((short) 5)).isEqualTo(new Int(5));
        assertThat(AttrValue.fromJava((byte) 5)).isEqualTo(new Int(5));
        assertThat(AttrValue.fromJava(2.5)).isEqualTo(new Decimal(2.5));
        assertThat(AttrValue.fromJava(2.5f)).isEqualTo(new Decimal(2.5));
        assertThat(AttrValue.fromJava("x")).isEqualTo(new Str("x"));
        assertThat(AttrValue.fromJava('x')).isEqualTo(new Str("x"));
        assertThat(AttrValue.fromJava(true)).isEqualTo(new Bool(true));
        assertThat(AttrValue.fromJava(new Ref(4))).isEqualTo(new Ref(4));
        assertThat(AttrValue.fromJava(List.of(1, "a"))).isEqualTo(new ListOf(List.of(new Int(1), new Str("a"))));
        assertThat(AttrValue.fromJava(new LinkedHashSet<>(List.of(3, 1)))).isEqualTo(new ListOf(List.of(new Int(3), new Int(1))));
        assertThat(AttrValue.fromJava(new int[] {1, 2})).isEqualTo(new ListOf(List.of(new Int(1), new Int(2))));
        assertThat(AttrValue.fromJava(new Object[] {"a", List.of()}))
                .isEqualTo(new ListOf(List.of(new Str("a"), new ListOf(List.of()))));
        var map = new LinkedHashMap<String, Object>();
        map.put("b", List.of(true));
        map.put("a", Map.of("x", 1.5));
        AttrValue converted = AttrValue.fromJava(map);
        assertThat(converted.display()).isEqualTo("{\"b\": [true], \"a\": {\"x\": 1.5}}");
    }

    @Test
    void fromJavaRefusesOtherTypesNamingThemAndTheAllowedOnes() {
        assertThatThrownBy(() -> AttrValue.fromJava(new Object()))
                .isInstanceOf(AttrRejectedException.class)
                .hasMessageContaining("java.lang.Object")
                .hasMessageContaining("Allowed: Long");
        assertThatThrownBy(() -> AttrValue.fromJava(List.of(1, new BigDecimal("1.5"))))
                .isInstanceOf(AttrRejectedException.class)
                .hasMessageContaining("value[1]")
                .hasMessageContaining("java.math.BigDecimal")
                .hasMessageContaining("doubleValue()");
        assertThatThrownBy(() -> AttrValue.fromJava(Map.of(1, "x")))
                .isInstanceOf(AttrRejectedException.class).hasMessageContaining("java.lang.Integer").hasMessageContaining("Strings");
        assertThatThrownBy(() -> AttrValue.fromJava(null)).isInstanceOf(AttrRejectedException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> AttrValue.fromJava(Arrays.asList(1, null)))
                .isInstanceOf(AttrRejectedException.class).hasMessageContaining("value[1]");
        assertThatThrownBy(() -> AttrValue.fromJava(Double.NaN)).isInstanceOf(AttrRejectedException.class);
        assertThatThrownBy(() -> AttrValue.fromJava(new char[] {'a'}))
                .isInstanceOf(AttrRejectedException.class).hasMessageContaining("new String");
    }

    @Test
    void fromJavaStopsOnSelfContainingCollections() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertThatThrownBy(() -> AttrValue.fromJava(loop))
                .isInstanceOf(AttrRejectedException.class).hasMessageContaining("contain itself");
    }

    @Test
    void fromJavaAsksTheCallerAboutGameObjects() {
        record Thing(long id) {}
        var value = AttrValue.fromJava(List.of(new Thing(7), 1),
                o -> o instanceof Thing t ? OptionalLong.of(t.id()) : OptionalLong.empty());
        assertThat(value).isEqualTo(new ListOf(List.of(new Ref(7), new Int(1))));
        assertThatThrownBy(() -> AttrValue.fromJava(new Object(), o -> OptionalLong.empty()))
                .isInstanceOf(AttrRejectedException.class).hasMessageContaining("game objects");
    }

    @Test
    void toJavaGivesPlainUnmodifiableJava() {
        assertThat(new Int(3).toJava()).isEqualTo(3L);
        assertThat(new Decimal(3).toJava()).isEqualTo(3.0);
        assertThat(new Str("s").toJava()).isEqualTo("s");
        assertThat(new Bool(true).toJava()).isEqualTo(true);
        assertThat(new Ref(9).toJava()).isEqualTo(new Ref(9));
        var entries = new LinkedHashMap<String, AttrValue>();
        entries.put("z", new ListOf(List.of(new Int(1))));
        entries.put("a", new Str("x"));
        Object java = new MapOf(entries).toJava();
        assertThat(java).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        var map = (Map<String, Object>) java;
        assertThat(map.keySet()).containsExactly("z", "a");
        assertThat(map.get("z")).isEqualTo(List.of(1L));
        assertThatThrownBy(() -> map.put("q", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        var list = (List<Object>) map.get("z");
        assertThatThrownBy(() -> list.add(2L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void javaRoundTrip() {
        var random = new RandomValues(7, false);
        for (int i = 0; i < 500; i++) {
            AttrValue value = random.next();
            assertThat(AttrValue.fromJava(value.toJava())).isEqualTo(value);
        }
    }
}
