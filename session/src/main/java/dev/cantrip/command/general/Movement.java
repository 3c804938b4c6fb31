package dev.cantrip.command.general;

import dev.cantrip.command.CommandContext;
import dev.cantrip.game.Rooms;
import dev.cantrip.world.GameObject;

/** Walking through an exit, with the messages the rooms on both sides expect. */
public final class Movement {

    private Movement() {}

    /** Moves the caller through {@code exit} and shows the new room. */
    public static void traverse(CommandContext ctx, GameObject exit) {
        GameObject me = ctx.caller();
        GameObject from = me.location();
        GameObject to = exit.destination();
        if (to == null || to.destroyed()) {
            ctx.reply("The way " + exit.key() + " leads nowhere.");
            return;
        }
        me.moveTo(to);
        Rooms.announce(from, me.key() + " leaves " + exit.key() + ".", me);
        Rooms.announce(to, me.key() + " arrives.", me);
        ctx.reply(Look.describe(ctx, to));
    }
}
