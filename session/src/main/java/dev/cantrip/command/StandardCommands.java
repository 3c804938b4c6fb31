package dev.cantrip.command;

import dev.cantrip.command.admin.Chown;
import dev.cantrip.command.admin.Perm;
import dev.cantrip.command.admin.Reload;
import dev.cantrip.command.admin.Shutdown;
import dev.cantrip.command.admin.Stats;
import dev.cantrip.command.building.CreateThing;
import dev.cantrip.command.building.Destroy;
import dev.cantrip.command.building.Dig;
import dev.cantrip.command.building.Examine;
import dev.cantrip.command.building.SetAttribute;
import dev.cantrip.command.general.Drop;
import dev.cantrip.command.general.Get;
import dev.cantrip.command.general.Go;
import dev.cantrip.command.general.Help;
import dev.cantrip.command.general.Home;
import dev.cantrip.command.general.Inventory;
import dev.cantrip.command.general.Look;
import dev.cantrip.command.general.Meditate;
import dev.cantrip.command.general.Password;
import dev.cantrip.command.general.Quit;
import dev.cantrip.command.general.Say;
import dev.cantrip.command.general.TasksCommand;
import dev.cantrip.command.general.Who;

/** The commands the host game ships with. */
public final class StandardCommands {

    private StandardCommands() {}

    /** A new registry holding every standard command. */
    public static CommandRegistry registry() {
        return new CommandRegistry()
                .add(new Look()).add(new Say()).add(new Who()).add(new Inventory()).add(new Go())
                .add(new Help()).add(new Quit()).add(new Get()).add(new Drop()).add(new Password()).add(new Home())
                .add(new CreateThing()).add(new Dig()).add(new SetAttribute()).add(new Examine())
                .add(new Destroy())
                .add(new Perm()).add(new Chown()).add(new Reload()).add(new Shutdown()).add(new Stats()).add(new TasksCommand())
                .add(new Meditate());
    }
}
