package dev.cantrip.repl;

import java.util.Objects;

/**
 * A name every snippet can use, typed as the host's real class so that snippets type-check and
 * complete against it ({@code self}, {@code here}). Its value is read from the session's supplier
 * at the start of each run of an evaluation, so it is current then. Snippet code the host calls
 * later (a lambda it kept) sees the value of the session's latest run.
 *
 * @param name a Java identifier; names starting with {@code $} are hidden from listings
 * @param type the host type the name has in snippets
 */
public record Binding(String name, Class<?> type) {

    public Binding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("not a Java identifier: '" + name + "'");
        }
        if (type.isPrimitive() || type.isArray() || type.getCanonicalName() == null) {
            throw new IllegalArgumentException("a binding's type must be a named class or interface: " + type);
        }
    }

    /** Whether listings such as {@code /vars} leave this binding out. */
    public boolean hidden() {
        return name.startsWith("$");
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        return s.chars().allMatch(Character::isJavaIdentifierPart) && !javax.lang.model.SourceVersion.isKeyword(s);
    }
}
