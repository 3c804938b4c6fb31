package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.game.Rooms;

/** {@code drop <thing>}: puts down something the caller carries. */
public final class Drop implements Command {

    private static final CommandSpec SPEC = new CommandSpec("drop", Role.PLAYER, """
                drop <thing>

                Puts down something you are carrying.""").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.match(ctx.args()).ifPresent(o -> {
            if (o.location() != ctx.caller()) {
                ctx.reply("You are not carrying " + o.key() + ".");
                return;
            }
            o.moveTo(ctx.here());
            ctx.reply("You drop " + o.key() + ".");
            Rooms.announce(ctx.here(), ctx.caller().key() + " drops " + o.key() + ".", ctx.caller());
        });
    }
}
