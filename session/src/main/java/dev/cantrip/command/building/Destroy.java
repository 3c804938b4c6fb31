package dev.cantrip.command.building;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.game.Rooms;
import dev.cantrip.world.ObjectKind;

/** {@code @destroy <obj>}: removes an object for good. */
public final class Destroy implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@destroy", Role.BUILDER, """
                @destroy <object>

                Destroys an object for good. What it contains moves to where it was (for a room:
                to Limbo), and exits leading to a destroyed room go with it. Characters of
                accounts and the starting room cannot be destroyed.""").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        ctx.match(ctx.args()).ifPresent(o -> {
            if (o.kind() == ObjectKind.CHARACTER && ctx.game().accounts().findByCharacter(o.id()).isPresent()) {
                ctx.reply(o.key() + " is the character of an account and cannot be destroyed.");
                return;
            }
            if (o == ctx.here()) {
                ctx.reply("You are standing in " + o.key() + "; leave it before destroying it.");
                return;
            }
            String what = Names.withRef(o);
            if (o.kind() == ObjectKind.ROOM) {
                Rooms.announce(o, "The room around you dissolves; you find yourself in "
                        + ctx.world().limbo().key() + ".");
            }
            ctx.world().destroy(o);
            ctx.reply("Destroyed " + what + ".");
        });
    }
}
