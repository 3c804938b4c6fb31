package dev.cantrip.world;

import dev.cantrip.account.Role;

/**
 * Who may change what. The game itself may change anything, and so may Admins and Developers.
 * Below them (Builders, Players):
 * <ul>
 *   <li>a character only by its own player (the account playing it);</li>
 *   <li>any other object only by its owner (the account that created it, or that an Admin gave it
 *       to); an object with no owner (the starting world, everything made before owners were
 *       kept) only by Admins and above;</li>
 *   <li>a thing may be carried: anyone may move a thing from the room their character stands in
 *       into their character, or back out into that room ({@code get} and {@code drop}).</li>
 * </ul>
 * Moving an object counts as changing the object moved, wherever it goes: putting a player's
 * character into one's own inventory is changing that character.
 */
final class ChangeRule {

    private ChangeRule() {
    }

    /** Why {@code actor} may not change {@code o}, or null if it may. */
    static String refusal(Actor actor, GameObject o, Acting names) {
        if (!(actor instanceof Actor.Account a) || a.role().atLeast(Role.ADMIN)) {
            return null;
        }
        String what = "You may not change " + o.keyRaw() + " (" + o.ref() + "): ";
        if (o.kindRaw() == ObjectKind.CHARACTER) {
            return o.id() == a.characterId() ? null
                    : what + "it is a character, and only its player or an Admin may.";
        }
        Long owner = o.ownerRaw();
        if (owner == null) {
            return what + "it belongs to no Builder, and only an Admin may (an Admin can give it to you with @chown).";
        }
        if (owner == a.accountId()) {
            return null;
        }
        return what + "it belongs to " + names.accountName(owner) + ", and only its owner or an Admin may.";
    }

    /**
     * Whether moving {@code o} into {@code target} is carrying: a thing moved by an account between
     * its character and the room that character is in.
     */
    static boolean carrying(Actor actor, GameObject o, GameObject target, GameObject character) {
        if (!(actor instanceof Actor.Account) || character == null || o.kindRaw() != ObjectKind.THING) {
            return false;
        }
        GameObject room = character.locationRaw();
        GameObject from = o.locationRaw();
        return room != null && (from == room && target == character || from == character && target == room);
    }
}
