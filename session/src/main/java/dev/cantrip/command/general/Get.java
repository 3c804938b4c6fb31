package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.game.Rooms;
import dev.cantrip.world.ObjectKind;

/** {@code get <thing>}: picks up a thing from the room. */
public final class Get implements Command {

    private static final CommandSpec SPEC = new CommandSpec("get", Role.PLAYER, """
                get <thing>

                Picks up a thing that is in the room.""", "take").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.match(ctx.args()).ifPresent(o -> {
            if (o.kind() != ObjectKind.THING || o.location() != ctx.here()) {
                ctx.reply("You can't pick up " + o.key() + ".");
                return;
            }
            o.moveTo(ctx.caller());
            ctx.reply("You pick up " + o.key() + ".");
            Rooms.announce(ctx.here(), ctx.caller().key() + " picks up " + o.key() + ".", ctx.caller());
        });
    }
}
