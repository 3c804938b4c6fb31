package dev.cantrip.command.admin;

import dev.cantrip.account.Account;
import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code @perm <account> = <role>}: grants a role. */
public final class Perm implements Command {

    private static final CommandSpec SPEC = new CommandSpec("@perm", Role.DEVELOPER, """
                @perm <account> = <role>

                Gives an account a role: Player, Builder, Admin or Developer (lowest to highest).
                Without "= <role>", shows the account's role.""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        String name = ctx.input().lhs();
        if (name.isEmpty()) {
            ctx.reply("Usage: @perm <account> = <role>");
            return;
        }
        Optional<Account> found = ctx.game().accounts().find(name);
        if (found.isEmpty()) {
            ctx.reply("There is no account named '" + name + "'.");
            return;
        }
        Account account = found.get();
        if (ctx.input().rhs().isEmpty()) {
            ctx.reply(account.name() + " is a " + account.role().displayName() + ".");
            return;
        }
        String roleText = ctx.input().rhs().get();
        Optional<Role> role = Role.parse(roleText);
        if (role.isEmpty()) {
            ctx.reply("'" + roleText + "' is not a role. Roles: "
                    + Arrays.stream(Role.values()).map(Role::displayName).collect(Collectors.joining(", ")) + ".");
            return;
        }
        if (account.role() == Role.DEVELOPER && role.get() != Role.DEVELOPER
                && ctx.game().accounts().all().stream().filter(a -> a.role() == Role.DEVELOPER).count() == 1) {
            ctx.reply(account.name() + " is the last Developer; make someone else a Developer first.");
            return;
        }
        Account changed = account.withRole(role.get());
        ctx.game().updateAccount(changed).stream()
                .filter(s -> s != ctx.session())
                .forEach(s -> s.send("You are now a " + changed.role().displayName() + "."));
        ctx.reply(changed.name() + " is now a " + changed.role().displayName() + ".");
    }
}
