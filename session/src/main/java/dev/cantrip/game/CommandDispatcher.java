package dev.cantrip.game;

import dev.cantrip.command.Command;
import dev.cantrip.command.CommandContext;
import dev.cantrip.command.CommandInput;
import dev.cantrip.command.CommandSpec;
import dev.cantrip.command.Names;
import dev.cantrip.command.general.Movement;
import dev.cantrip.session.InputHandler;
import dev.cantrip.session.Session;
import dev.cantrip.world.GameObject;
import dev.cantrip.world.WorldException;
import dev.cantrip.world.attr.AttrFormatException;
import dev.cantrip.world.attr.AttrRejectedException;
import java.util.Optional;

/**
 * Reads a logged-in player's lines as commands: a command the player's role may use, else an exit
 * of the room by name, else the same "Huh?" for unknown commands and for commands above the
 * player's role, so a role's commands are not revealed.
 */
final class CommandDispatcher implements InputHandler {

    private final Game game;

    CommandDispatcher(Game game) {
        this.game = game;
    }

    @Override
    public void onLine(Session session, String line) {
        if (line.isBlank()) {
            return;
        }
        game.commandRun();
        CommandInput input = CommandInput.parse(line);
        CommandContext ctx = new CommandContext(game, session, input);
        Optional<Command> command = game.commands().find(input.name(), session.account().role());
        try {
            if (command.isPresent()) {
                CommandSpec spec = command.get().spec();
                if (spec.argumentRequired() && input.args().isEmpty()) {
                    session.send("Usage: " + spec.usage());
                    return;
                }
                command.get().run(ctx);
                return;
            }
            Optional<GameObject> exit = Names.exit(ctx.here(), line);
            if (exit.isPresent()) {
                Movement.traverse(ctx, exit.get());
                return;
            }
            session.send(huh(input.name()));
        } catch (WorldException | AttrRejectedException | AttrFormatException e) {
            // Refusals written for the player: show them as they are.
            session.send(e.getMessage());
        }
    }

    /** The answer for anything that is not a command the caller may use. */
    static String huh(String name) {
        return "Huh? '" + name + "' is not a command here. Type \"help\" for the commands you can use.";
    }
}
