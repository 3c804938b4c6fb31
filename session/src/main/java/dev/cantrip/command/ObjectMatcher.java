package dev.cantrip.command;

import dev.cantrip.account.Role;
import dev.cantrip.world.GameObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns what a player typed into the object they mean, the way MUD players expect: {@code me},
 * {@code self}, {@code here}, {@code #N} (anywhere for Builders and up, else only what is near),
 * or a name among what they carry, what is in the room (exits included) and the room itself;
 * exact names win over the start of a name or of one of its words.
 */
public final class ObjectMatcher {

    private ObjectMatcher() {}

    /** The outcome of a match. */
    public sealed interface Result {
        /** Exactly one object. */
        record Found(GameObject object) implements Result {}

        /** None or several; the message says which and what to type instead. */
        record Problem(String message) implements Result {}
    }

    public static Result match(CommandContext ctx, String query) {
        String q = query.strip();
        GameObject caller = ctx.caller();
        GameObject here = caller.location();
        if (q.isEmpty()) {
            return new Result.Problem("Which object? Give a name or #id.");
        }
        String lower = q.toLowerCase(Locale.ROOT);
        if (lower.equals("me") || lower.equals("self")) {
            return new Result.Found(caller);
        }
        if (lower.equals("here") && here != null) {
            return new Result.Found(here);
        }
        List<GameObject> near = near(caller, here);
        if (q.startsWith("#")) {
            Optional<Long> id = parseId(q.substring(1));
            if (id.isEmpty()) {
                return new Result.Problem("'" + q + "' is not an object id; ids look like #12.");
            }
            Optional<GameObject> o = ctx.world().find(id.get());
            if (o.isPresent() && (ctx.can(Role.BUILDER) || near.contains(o.get()))) {
                return new Result.Found(o.get());
            }
            return new Result.Problem("There is no " + q + (ctx.can(Role.BUILDER) ? "." : " here."));
        }
        List<GameObject> exact = near.stream().filter(o -> o.key().equalsIgnoreCase(q)).toList();
        List<GameObject> found = exact.isEmpty()
                ? near.stream().filter(o -> partialMatch(o.key(), lower)).toList()
                : exact;
        if (found.size() == 1) {
            return new Result.Found(found.getFirst());
        }
        if (found.isEmpty()) {
            return new Result.Problem("You don't see '" + q + "' here.");
        }
        return new Result.Problem("Which '" + q + "' do you mean? "
                + found.stream().map(Names::withRef).collect(Collectors.joining(", "))
                + ". Use the #id to pick one.");
    }

    private static List<GameObject> near(GameObject caller, GameObject here) {
        LinkedHashSet<GameObject> near = new LinkedHashSet<>(caller.contents());
        if (here != null) {
            near.addAll(here.contents());
            near.add(here);
        }
        near.add(caller);
        return new ArrayList<>(near);
    }

    /** Whether the name, or one of its words, starts with {@code lowerQuery} ("lamp" finds "brass lamp"). */
    private static boolean partialMatch(String key, String lowerQuery) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.startsWith(lowerQuery)) {
            return true;
        }
        for (String word : k.split("\\s+")) {
            if (word.startsWith(lowerQuery)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> parseId(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }
}
