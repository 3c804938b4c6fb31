package dev.cantrip.command.building;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.ObjectKind;
import dev.cantrip.world.World;

/** {@code @dig <room> = <exit>[, <exit back>]}: makes a room joined to this one. */
public final class Dig implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@dig", Role.BUILDER, """
                @dig <room> = <exit>[, <exit back>]

                Creates a new room and an exit named <exit> from here to it; with <exit back>,
                also an exit from the new room back here. You stay where you are.
                Example: @dig Kitchen = east, west""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        if (ctx.input().rhs().isEmpty()) {
            ctx.reply("Usage: @dig <room> = <exit>[, <exit back>]  (example: @dig Kitchen = east, west)");
            return;
        }
        String roomName = ctx.input().lhs();
        String[] exits = ctx.input().rhs().get().split(",", -1);
        String there = exits[0].strip();
        String back = exits.length > 1 ? exits[1].strip() : "";
        if (roomName.isEmpty() || there.isEmpty() || exits.length > 2) {
            ctx.reply("Usage: @dig <room> = <exit>[, <exit back>]  (example: @dig Kitchen = east, west)");
            return;
        }
        // Every name is checked before anything is made, so a bad exit name leaves no stray room.
        World.checkKey(roomName);
        World.checkKey(there);
        if (!back.isEmpty()) {
            World.checkKey(back);
        }
        GameObject here = ctx.here();
        GameObject room = ctx.world().create(ObjectKind.ROOM, roomName, null);
        GameObject exit = ctx.world().createExit(there, here, room);
        StringBuilder b = new StringBuilder("Dug " + Names.withRef(room) + " with exit " + Names.withRef(exit)
                + " from " + here.key());
        if (!back.isEmpty()) {
            GameObject backExit = ctx.world().createExit(back, room, here);
            b.append(" and exit ").append(Names.withRef(backExit)).append(" back");
        }
        ctx.reply(b.append('.').toString());
    }
}
