package dev.cantrip.login;

import dev.cantrip.account.Account;
import dev.cantrip.account.AccountNames;
import dev.cantrip.account.Role;
import dev.cantrip.game.Game;
import dev.cantrip.session.InputHandler;
import dev.cantrip.session.Session;
import java.time.Duration;
import java.util.Locale;
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
        this.game = game;
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
        if (game.accounts().find(name).isPresent() || game.reservedNames().contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("The name " + name + " is taken; choose another.");
        }
        return Optional.empty();
    }

    private void create(Session s, String name, String password) {
        s.setHandler(this);
        Optional<String> problem = nameProblem(name)
                .or(() -> AccountNames.passwordProblem(password, name));
        if (problem.isPresent()) {
            s.send(problem.get());
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        game.reservedNames().add(key);
        s.send("Creating account " + name + "...");
        CompletableFuture<String> hashed = game.hashPassword(password.toCharArray());
        // Released however it ends, even if the player disconnects while the password is hashed.
        hashed.whenComplete((h, e) -> game.loop().execute(() -> game.reservedNames().remove(key)));
        game.pump().await(s, hashed, hash -> {
            if (game.accounts().find(name).isPresent()) {
                s.send("The name " + name + " was taken a moment ago; choose another.");
                return;
            }
            Account a = game.createAccount(name, hash, Role.PLAYER);
            s.send("Account " + a.name() + " created.");
            game.login(s, a);
        }, failure -> s.send("The account could not be created (" + failure.getMessage() + "). Try again."));
    }

    private void connect(Session s, String name, String password) {
        s.setHandler(this);
        String address = s.connection().remoteAddress();
        Optional<Duration> locked = game.throttle().lockedFor(address);
        if (locked.isPresent()) {
            s.send("Too many failed logins from your address. Try again in "
                    + Math.max(1, locked.get().toSeconds()) + " seconds.");
            return;
        }
        Optional<Account> account = game.accounts().find(name);
        // An unknown name is checked against a decoy hash, so it costs the same time as a wrong password.
        char[] typed = password.toCharArray();
        var check = account.isPresent()
                ? game.verifyPassword(typed, account.get().passwordHash())
                : game.decoyHash().thenCompose(decoy -> game.verifyPassword(typed, decoy));
        game.pump().await(s, check, ok -> {
            // The account may have changed while the hash was checked (a reload, a new role).
            Optional<Account> now = game.accounts().find(name);
            if (ok && account.isPresent() && now.isPresent()) {
                game.throttle().recordSuccess(address);
                game.login(s, now.get());
            } else {
                game.throttle().recordFailure(address);
                s.send("Wrong name or password.");
            }
        }, failure -> s.send("Logging in failed (" + failure.getMessage() + "). Try again."));
    }
}
