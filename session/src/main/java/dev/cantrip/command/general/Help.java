package dev.cantrip.command.general;

import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;

/** {@code help [command]}: lists the caller's commands, or explains one. */
public final class Help implements Command {

    private static final CommandSpec SPEC = new CommandSpec("help", Role.PLAYER, """
                help [<command>]

                Lists the commands you can use, or explains one of them.""", "?");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        var role = ctx.account().role();
        if (ctx.args().isEmpty()) {
            StringBuilder b = new StringBuilder("Commands you can use (help <command> for more):\n");
            for (Command c : ctx.game().commands().available(role)) {
                b.append("  ").append(String.format("%-12s", c.spec().key())).append(c.spec().usage()).append('\n');
            }
            b.append("Type the name of an exit to walk through it.");
            ctx.reply(b.toString());
            return;
        }
        String name = ctx.args().split("\\s+")[0];
        ctx.game().commands().find(name, role).ifPresentOrElse(
                c -> ctx.reply(c.spec().help()),
                () -> ctx.reply("There is no help on '" + name + "'. Type \"help\" for the commands you can use."));
    }
}
