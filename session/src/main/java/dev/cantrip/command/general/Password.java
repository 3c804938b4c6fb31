package dev.cantrip.command.general;

import dev.cantrip.account.Account;
import dev.cantrip.account.AccountNames;
import dev.cantrip.account.Role;
import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.game.Game;
import dev.cantrip.session.InputHandler;
import dev.cantrip.session.PasswordPrompt;
import dev.cantrip.session.Session;
import java.util.Optional;

/** {@code password}: changes the caller's password, asking for the current one first. */
public final class Password implements Command {

    private static final CommandSpec SPEC = new CommandSpec("password", Role.PLAYER, """
                password [<current> = <new>]

                Changes your password. Typed alone, it asks for the current and the new password
                with your client's echo turned off, so nothing shows on screen; prefer that. The
                one-line form shows both on screen and cannot take a current password with "=".""");

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext ctx) {
        Game game = ctx.game();
        Session session = ctx.session();
        String args = ctx.args();
        if (!args.isEmpty()) {
            if (ctx.input().rhs().isEmpty()) {
                ctx.reply("Usage: " + SPEC.usage() + "  (or just: password)");
                return;
            }
            change(game, session, ctx.input().lhs(), ctx.input().rhs().get());
            return;
        }
        InputHandler commands = session.handler();
        session.setHandler(new PasswordPrompt("Current password: ", (s1, current) ->
                s1.setHandler(new PasswordPrompt("New password: ", (s2, fresh) ->
                        s2.setHandler(new PasswordPrompt("New password again: ", (s3, again) -> {
                            s3.setHandler(commands);
                            if (!fresh.equals(again)) {
                                s3.send("The new passwords differ; your password was not changed.");
                                return;
                            }
                            change(game, s3, current, fresh);
                        }))))));
    }

    private static void change(Game game, Session s, String current, String fresh) {
        String address = s.connection().remoteAddress();
        Account account = s.account();
        Optional<String> problem = AccountNames.passwordProblem(fresh, account.name())
                .map(p -> p + " Your password was not changed.")
                .or(() -> game.passwords().beginCheck(address));
        if (problem.isPresent()) {
            s.send(problem.get());
            return;
        }
        game.pump().await(s, game.passwords().verify(current.toCharArray(), account.passwordHash()), ok -> {
            game.passwords().endCheck(address, ok);
            if (!ok) {
                s.send("That is not your current password; your password was not changed.");
                return;
            }
            game.pump().await(s, game.passwords().hash(fresh.toCharArray()), hash -> {
                // Re-read: the account may have changed (a new role, a reload) while hashing.
                Optional<Account> now = game.accounts().find(account.name()).filter(a -> a.id() == account.id());
                if (now.isEmpty()) {
                    s.send("Your account is gone; nothing was changed.");
                    return;
                }
                game.updateAccount(now.get().withPasswordHash(hash));
                s.send("Your password has been changed.");
            }, failure -> s.send("Your password could not be changed (" + failure.getMessage() + ")."));
        }, failure -> {
            game.passwords().endCheck(address, false);
            s.send("Your password could not be checked (" + failure.getMessage() + ").");
        });
    }
}
