package dev.cantrip.scripting;

import dev.cantrip.account.Account;
import dev.cantrip.game.Game;
import dev.cantrip.sandbox.Inspector;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.attr.AttrValue;
import java.util.List;
import java.util.Map;

/**
 * What {@code inspect(x)} shows below Developer: the caller's own values walked as usual, world
 * objects as the game shows them ({@code @examine}'s view: name, kind, owner, places, attributes),
 * and nothing of the host's internals (the game, the engine, sessions, accounts, tasks): those are
 * named, not opened, and asked for directly they are refused. Developers see everything
 * ({@link Inspector#standard()}).
 */
final class InspectView implements Inspector.View {

    private static final Inspector WALK = Inspector.standard().withView(new InspectView());
    private static final int MAX_SHOWN = 20;
    private static final int MAX_VALUE_CHARS = 200;

    private InspectView() {
    }

    /**
     * The text for {@code value}.
     *
     * @throws IllegalArgumentException for an object of the host's own classes (not a world object)
     */
    static String inspect(Object value, Game game) {
        if (value instanceof GameObject g) {
            return describe(g, game);
        }
        if (value != null && hostInternal(value.getClass())) {
            throw new IllegalArgumentException("inspect(...) of " + value.getClass().getSimpleName() + " is for Developers:"
                    + " it is part of the server, not of the world; inspect your own values and world objects");
        }
        return WALK.inspect(value);
    }

    @Override
    public String summary(Object v) {
        if (v instanceof GameObject g) {
            return "GameObject " + g; // toString: safe on any thread, unlike its other methods
        }
        Class<?> c = v.getClass();
        return hostInternal(c) ? c.getSimpleName() + " (part of the server: inspect it as a Developer)" : null;
    }

    @Override
    public boolean showsFieldsOf(Class<?> declaring) {
        return !hostInternal(declaring);
    }

    /**
     * Whether {@code c} is the server's own: loaded by the server's loader (not the JDK's, not a
     * snippet's), and not an attribute value, which is plain data.
     */
    static boolean hostInternal(Class<?> c) {
        if (c.isArray() || c.getName().startsWith("REPL.") || AttrValue.class.isAssignableFrom(c) || c.isEnum()) {
            return false;
        }
        ClassLoader l = c.getClassLoader();
        return l != null && l != ClassLoader.getPlatformClassLoader();
    }

    /** A world object as {@code @examine} shows it. Loop only (it reads the object). */
    private static String describe(GameObject g, Game game) {
        StringBuilder b = new StringBuilder("GameObject ").append(named(g));
        b.append("\n  kind = ").append(g.kind().label());
        b.append("\n  owner = ").append(g.owner().isEmpty() ? "nobody (only Admins change it)"
                : game.accounts().findById(g.owner().getAsLong()).map(Account::name)
                        .orElse("#" + g.owner().getAsLong() + " (an account that is gone)"));
        b.append("\n  location = ").append(named(g.location()));
        if (g.destination() != null) {
            b.append("\n  destination = ").append(named(g.destination()));
        }
        List<GameObject> contents = g.contents();
        b.append("\n  contents = ").append(contents.size()).append(contents.size() == 1 ? " object" : " objects");
        contents.stream().limit(MAX_SHOWN).forEach(o -> b.append("\n    ").append(named(o)));
        if (contents.size() > MAX_SHOWN) {
            b.append("\n    ... ").append(contents.size() - MAX_SHOWN).append(" more");
        }
        Map<String, AttrValue> attrs = g.attributes();
        b.append("\n  attributes = ").append(attrs.size());
        attrs.entrySet().stream().limit(MAX_SHOWN).forEach(e -> {
            String shown = e.getValue().display();
            if (shown.length() > MAX_VALUE_CHARS) {
                shown = shown.substring(0, MAX_VALUE_CHARS) + "...";
            }
            b.append("\n    ").append(e.getKey()).append(" = ").append(shown).append("  (")
                    .append(e.getValue().typeName()).append(')');
        });
        if (attrs.size() > MAX_SHOWN) {
            b.append("\n    ... ").append(attrs.size() - MAX_SHOWN).append(" more");
        }
        return b.toString();
    }

    private static String named(GameObject o) {
        return o == null ? "nowhere" : o.key() + " (" + o.ref() + ")";
    }
}
