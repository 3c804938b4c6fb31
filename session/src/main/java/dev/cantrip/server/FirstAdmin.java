package dev.cantrip.server;

import dev.cantrip.account.AccountNames;
import dev.cantrip.account.Role;
import dev.cantrip.game.Game;
import java.io.Console;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes sure someone can run the game: creates the Developer account named by
 * {@code CANTRIP_ADMIN=name:password} if it does not exist; otherwise, when there is no Developer
 * at all, asks for one on the terminal, or with no terminal creates {@code admin} with a
 * generated password printed once.
 */
final class FirstAdmin {

    static final String ENV = "CANTRIP_ADMIN";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private FirstAdmin() {}

    static void ensure(Game game, String envValue, Console console, PrintStream out) {
        if (envValue != null && !envValue.isBlank()) {
            fromEnvironment(game, envValue, out);
            return;
        }
        if (onLoop(game, () -> game.accounts().anyAtLeast(Role.DEVELOPER))) {
            return;
        }
        if (console != null) {
            fromTerminal(game, console, out);
        } else {
            generated(game, out);
        }
    }

    private static void fromEnvironment(Game game, String value, PrintStream out) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new ConfigException(ENV + " must look like name:password.");
        }
        String name = value.substring(0, colon);
        String password = value.substring(colon + 1);
        Optional<String> problem = AccountNames.problem(name).or(() -> AccountNames.passwordProblem(password, name));
        if (problem.isPresent()) {
            throw new ConfigException(ENV + ": " + problem.get());
        }
        if (taken(game, name)) {
            return;
        }
        create(game, name, password);
        out.println("Created Developer account '" + name + "' from " + ENV + ".");
    }

    private static void fromTerminal(Game game, Console console, PrintStream out) {
        out.println("There is no Developer account yet. Create one now.");
        while (true) {
            String name = console.readLine("Developer name: ");
            if (name == null) {
                generated(game, out);
                return;
            }
            name = name.strip();
            Optional<String> problem = AccountNames.problem(name);
            if (problem.isPresent()) {
                out.println(problem.get());
                continue;
            }
            char[] pw = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (pw == null || again == null) {
                generated(game, out);
                return;
            }
            String password = new String(pw);
            if (!password.equals(new String(again))) {
                out.println("The passwords differ. Try again.");
                continue;
            }
            Optional<String> pwProblem = AccountNames.passwordProblem(password, name);
            if (pwProblem.isPresent()) {
                out.println(pwProblem.get());
                continue;
            }
            if (taken(game, name)) {
                out.println("The name " + name + " is taken. Choose another.");
                continue;
            }
            create(game, name, password);
            out.println("Created Developer account '" + name + "'.");
            return;
        }
    }

    private static void generated(Game game, PrintStream out) {
        String name = "admin";
        for (int i = 2; taken(game, name); i++) {
            name = "admin" + i;
        }
        SecureRandom random = new SecureRandom();
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        create(game, name, pw.toString());
        out.println("Created Developer account '" + name + "' with password '" + pw + "'.");
        out.println("This password is shown only this once. (Set " + ENV + "=name:password to choose your own.)");
    }

    private static boolean taken(Game game, String name) {
        return onLoop(game, () -> game.accounts().find(name).isPresent());
    }

    private static void create(Game game, String name, String password) {
        String hash = game.passwords().hash(password.toCharArray()).join();
        // Printed as created only once it is on disk.
        game.loop().call(() -> {
            long mark = game.changeMark();
            game.createAccount(name, hash, Role.DEVELOPER);
            return game.durableAfter(mark);
        }).join().join();
    }

    private static <T> T onLoop(Game game, Supplier<T> work) {
        return game.loop().call(work).join();
    }
}
