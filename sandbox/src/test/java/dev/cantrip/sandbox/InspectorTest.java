package dev.cantrip.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code inspect(obj)}: fields read on the host side, bounded, secrets hidden, cycles named. */
class InspectorTest {

    @SuppressWarnings("unused") // read by the inspector
    static final class Account {
        private final String name = "Wiz";
        private final String passwordHash = "pbkdf2$secret";
        private final String apiKey = "k-123";
        private final String key = "wiz";
        private final List<Integer> scores = List.of(3, 1, 4, 1, 5);
        private Account friend;
    }

    @Test
    void showsPrivateFieldsAndHidesSecrets() {
        Account a = new Account();
        String text = Inspector.standard().inspect(a);

        assertThat(text).startsWith("Account (dev.cantrip.sandbox.InspectorTest$Account)")
                .contains("\n  name = \"Wiz\"", "\n  passwordHash = (hidden)", "\n  apiKey = (hidden)",
                        "\n  key = \"wiz\"", "\n  scores = ListN, 5 elements", "\n    [2] = 4", "\n  friend = null")
                .doesNotContain("pbkdf2", "k-123");
    }

    @Test
    void aCycleIsNamedNotFollowed() {
        Account a = new Account();
        a.friend = a;
        assertThat(new Inspector(3, 20, 4_000).inspect(a)).contains("friend = (Account, shown above)");
    }

    @Test
    void sizesDepthAndLengthAreBounded() {
        List<Integer> many = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(i);
        }
        String text = new Inspector(1, 3, 4_000).inspect(many);
        assertThat(text).isEqualTo("ArrayList, 1,000 elements\n  [0] = 0\n  [1] = 1\n  [2] = 2\n  ... 997 more");

        Map<String, Object> deep = Map.of("a", Map.of("b", Map.of("c", 1)));
        assertThat(new Inspector(1, 5, 4_000).inspect(deep)).isEqualTo("Map1, 1 entry\n  \"a\" = Map1, 1 entry");

        String cut = new Inspector(2, 1_000, 200).inspect(many);
        assertThat(cut).hasSizeLessThan(260).endsWith("... (cut at 200 characters)");
    }

    @Test
    void jdkObjectsWhoseModuleIsClosedAreDescribedNotOpened() {
        assertThat(Inspector.standard().inspect(Optional.of(5)))
                .isEqualTo("Optional (java.util.Optional), fields not readable (java.base does not open java.util)");
        assertThat(Inspector.standard().inspect(null)).isEqualTo("null");
        assertThat(Inspector.standard().inspect("a\"b")).isEqualTo("\"a\\\"b\"");
    }

    @SuppressWarnings("unused") // read by the inspector
    record Settings(String user, String pw, String auth, Map<String, String> props) {}

    @Test
    void secretsUnderShortNamesAndMapKeysAreHiddenToo() {
        String text = Inspector.standard().inspect(new Settings("u", "p2", "a", Map.of("password", "hunter2")));
        assertThat(text).contains("user = \"u\"", "pw = (hidden)", "auth = (hidden)", "\"password\" = (hidden)")
                .doesNotContain("hunter2", "p2");
    }

    @Test
    void aCollectionThatLiesAboutItsSizeIsShownAsItIs() {
        java.util.AbstractList<Integer> liar = new java.util.AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return -5;
            }

            @Override
            public java.util.Iterator<Integer> iterator() {
                return List.of(1, 2).iterator();
            }
        };
        assertThat(Inspector.standard().inspect(liar)).contains(", 0 elements\n  [0] = 1\n  [1] = 2")
                .doesNotContain("-5");
    }

    @SuppressWarnings("unused") // read by the inspector
    static class Server {
        private final String secretPlan = "x";
        private final int port = 4000;
    }

    @SuppressWarnings("unused") // read by the inspector
    static final class Mine extends Server {
        private final int mine = 7;
        private final Server server = new Server();
    }

    @Test
    void aViewShowsSomeObjectsAsALineAndHidesTheFieldsOfSomeClasses() {
        Inspector.View view = new Inspector.View() {
            @Override
            public String summary(Object v) {
                return v.getClass() == Server.class ? "Server (not yours)" : null;
            }

            @Override
            public boolean showsFieldsOf(Class<?> declaring) {
                return declaring != Server.class;
            }
        };
        String text = Inspector.standard().withView(view).inspect(List.of(new Mine(), new Server()));
        assertThat(text).contains("mine = 7", "server = Server (not yours)", "[1] = Server (not yours)")
                .doesNotContain("port", "4000");
        assertThat(Inspector.standard().inspect(new Mine())).contains("port = 4000");
    }
}
