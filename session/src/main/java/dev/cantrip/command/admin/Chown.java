package dev.cantrip.command.admin;

import dev.cantrip.account.Account;
import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.world.ObjectKind;
import java.util.Locale;
import java.util.Optional;

/** {@code @chown <object> = <account>}: says which account owns an object, and with it who may change it. */
public final class Chown implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@chown", Role.ADMIN, """
                @chown <object> = <account>

                Gives an object to an account: from then on that account (and Admins and
                Developers) may change it, by commands, by java, by its tasks. "= nobody" takes it
                back: then only Admins and Developers may. Without "= <account>", shows who owns
                it. A character cannot be given: only its player (and Admins) change it.""").needingArgument();

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        String query = ctx.input().lhs();
        if (query.isEmpty()) {
            ctx.reply("Usage: " + SPEC.usage());
            return;
        }
        ctx.match(query).ifPresent(o -> {
            if (ctx.input().rhs().isEmpty()) {
                ctx.reply(Names.withRef(o) + " is owned by " + o.owner().stream().boxed().findFirst()
                        .flatMap(id -> ctx.game().accounts().findById(id)).map(Account::name)
                        .orElse(o.owner().isPresent() ? "an account that is gone" : "nobody") + ".");
                return;
            }
            if (o.kind() == ObjectKind.CHARACTER) {
                ctx.reply(Names.withRef(o) + " is a character: only its player (and Admins) change it, so it"
                        + " cannot be given to anyone.");
                return;
            }
            String name = ctx.input().rhs().get().strip();
            if (name.toLowerCase(Locale.ROOT).equals("nobody")) {
                ctx.world().setOwner(o, null);
                ctx.reply(Names.withRef(o) + " now belongs to nobody: only Admins and Developers may change it.");
                return;
            }
            Optional<Account> to = ctx.game().accounts().find(name);
            if (to.isEmpty()) {
                ctx.reply("There is no account named '" + name + "' (or type \"nobody\").");
                return;
            }
            ctx.world().setOwner(o, to.get().id());
            ctx.reply(Names.withRef(o) + " now belongs to " + to.get().name() + ".");
        });
    }
}
