package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.game.Rooms;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;

/** {@code home}: goes back to one's home room, so nobody is ever stuck where no exit leads out. */
public final class Home implements Command {

    private static final CommandSpec SPEC = new CommandSpec("home", Role.PLAYER, """
                home

                Takes you home: to the room your "home" attribute names (a Builder sets their own
                with @set me/home = #<room>, an Admin anyone's), or else to Limbo. Use it when you
                are stuck.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        GameObject me = ctx.caller();
        GameObject home = me.attr("home") instanceof GameObject g && g.kind() == ObjectKind.ROOM
                ? g : ctx.world().limbo();
        GameObject from = me.location();
        if (from == home) {
            ctx.reply("You are already home.");
            return;
        }
        me.moveTo(home);
        if (from != null) {
            Rooms.announce(from, me.key() + " goes home.", me);
        }
        Rooms.announce(home, me.key() + " arrives home.", me);
        ctx.reply("There's no place like home...\n" + Look.describe(ctx, home));
    }
}
