package dev.cantrip.login;

import dev.cantrip.account.Account;
import dev.cantrip.account.AccountNames;
import dev.cantrip.account.Role;
import dev.cantrip.game.Game;
import dev.cantrip.session.InputHandler;
import dev.cantrip.session.PasswordPrompt;
import dev.cantrip.session.Session;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The first thing a client sees, with Evennia's conventions: {@code connect <name> <password>},
 * {@code create <name> <password>}, {@code quit}, {@code help}. Typing only the name asks for the
 * password with echo off. Failed logins are throttled per address; an unknown name and a wrong
 * password get the same answer and take the same time.
 */
public final class LoginScreen implements InputHandler {

    private final Game game;
    private boolean greeted;

    public LoginScreen(Game game) {
        this.game = Objects.requireNonNull(game, "game");
    }

    @Override
    public void onEnter(Session session) {
        // Shown once: the screen is entered again after each password prompt.
        if (!greeted) {
            greeted = true;
            session.send(banner());
        }
    }

    static String banner() {
        return """
                ==============================================================
                 Welcome to Cantrip.

                 connect <name> <password>   log in (or: connect <name>)
                 create <name> <password>    make an account (or: create <name>)
                 quit                        leave
                 help                        this text
                ==============================================================""";
    }

    @Override
    public void onLine(Session s, String line) {
        String[] words = line.strip().split("\\s+", 3);
        String verb = words[0].toLowerCase(Locale.ROOT);
        switch (verb) {
            case "" -> { }
            case "connect", "con", "co" -> {
                if (words.length < 2) {
                    s.send("Usage: connect <name> <password>   (or connect <name> to be asked for it)");
                } else if (words.length == 2) {
                    s.setHandler(new PasswordPrompt("Password: ", (ss, pw) -> connect(ss, words[1], pw)));
                } else {
                    connect(s, words[1], words[2]);
                }
            }
            case "create", "cr" -> {
                if (words.length < 2) {
                    s.send("Usage: create <name> <password>   (or create <name> to be asked for it)");
                } else if (words.length == 2) {
                    startCreateWithPrompt(s, words[1]);
                } else {
                    create(s, words[1], words[2]);
                }
            }
            case "quit", "qui", "q" -> game.quit(s, "Goodbye.");
            case "help", "h", "?", "look", "l" -> s.send(banner());
            default -> s.send("You are not logged in. Type: connect <name> <password>, create <name> <password>,"
                    + " or help.");
        }
    }

    private void startCreateWithPrompt(Session s, String name) {
        Optional<String> problem = nameProblem(name);
        if (problem.isPresent()) {
            s.send(problem.get());
            return;
        }
        s.setHandler(new PasswordPrompt("Choose a password: ", (s1, first) -> {
            Optional<String> pwProblem = AccountNames.passwordProblem(first, name);
            if (pwProblem.isPresent()) {
                s1.setHandler(this);
                s1.send(pwProblem.get());
                return;
            }
            s1.setHandler(new PasswordPrompt("Type it again: ", (s2, second) -> {
                s2.setHandler(this);
                if (!first.equals(second)) {
                    s2.send("The two passwords differ; nothing was created. Try again.");
                    return;
                }
                create(s2, name, first);
            }));
        }));
    }

    private Optional<String> nameProblem(String name) {
        Optional<String> p = AccountNames.problem(name);
        if (p.isPresent()) {
            return p;
        }
        if (game.nameTaken(name)) {
            return Optional.of("The name " + name + " is taken; choose another.");
        }
        return Optional.empty();
    }

    private void create(Session s, String name, String password) {
        s.setHandler(this);
        Optional<String> problem = nameProblem(name)
                .or(() -> AccountNames.passwordProblem(password, name))
                .or(() -> game.passwords().beginCreate(s.connection().remoteAddress()));
        if (problem.isPresent()) {
            s.send(problem.get());
            return;
        }
        game.reserveName(name);
        s.send("Creating account " + name + "...");
        CompletableFuture<String> hashed = game.passwords().hash(password.toCharArray());
        // Released however it ends, even if the player disconnects while the password is hashed.
        hashed.whenComplete((h, e) -> game.loop().execute(() -> game.releaseName(name)));
        game.pump().await(s, hashed, hash -> {
            if (game.accounts().find(name).isPresent()) {
                s.send("The name " + name + " was taken a moment ago; choose another.");
                return;
            }
            Account a = game.createAccount(name, hash, Role.PLAYER);
            s.send("Account " + a.name() + " created.");
            game.login(s, a);
        }, failure -> s.send("The account could not be created (" + rootMessage(failure) + ")."));
    }

    private void connect(Session s, String name, String password) {
        s.setHandler(this);
        String address = s.connection().remoteAddress();
        Optional<String> refused = game.passwords().beginCheck(address);
        if (refused.isPresent()) {
            s.send(refused.get());
            return;
        }
        Optional<Account> account = game.accounts().find(name);
        // An unknown name is checked against a decoy hash, so it costs the same time as a wrong password.
        CompletableFuture<Boolean> check = game.passwords().verify(password.toCharArray(),
                account.map(Account::passwordHash).orElse(null));
        game.pump().await(s, check, ok -> {
            // The account may have changed while the hash was checked: it must still be the one whose
            // password was checked, and the address must not have been locked out meanwhile.
            Optional<Account> now = game.accounts().find(name)
                    .filter(a -> account.isPresent() && a.id() == account.get().id()
                            && a.passwordHash().equals(account.get().passwordHash()));
            boolean success = ok && now.isPresent() && !game.passwords().lockedOut(address);
            game.passwords().endCheck(address, success);
            if (!success) {
                s.send("Wrong name or password.");
                return;
            }
            game.login(s, now.get());
            upgradeHash(s, now.get(), password);
        }, failure -> {
            game.passwords().endCheck(address, false);
            s.send("Logging in failed (" + rootMessage(failure) + ").");
        });
    }

    /** Re-hashes a password stored with fewer iterations than the server now uses. */
    private void upgradeHash(Session s, Account account, String password) {
        if (!game.passwords().needsRehash(account.passwordHash())) {
            return;
        }
        game.pump().await(s, game.passwords().hash(password.toCharArray()), hash ->
                game.accounts().find(account.name())
                        .filter(a -> a.id() == account.id() && a.passwordHash().equals(account.passwordHash()))
                        .ifPresent(a -> game.updateAccount(a.withPasswordHash(hash))),
                failure -> { });
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
