package dev.cantrip.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sets up logging: one line per record, to the console (standard error) and to
 * {@code <data>/logs/cantrip.log} (rotated at 10 MB, five files kept).
 */
final class Logging {

    private Logging() {}

    static void configure(Path dataDir) throws IOException {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return; // The operator brought their own configuration.
        }
        System.setProperty("java.util.logging.SimpleFormatter.format",
                "%1$tF %1$tT %4$-7s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        Handler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter());
        console.setLevel(Level.INFO);
        root.addHandler(console);
        Path logs = dataDir.resolve("logs");
        Files.createDirectories(logs);
        FileHandler file = new FileHandler(logs.resolve("cantrip.%g.log").toString(), 10_000_000, 5, true);
        file.setFormatter(new SimpleFormatter());
        file.setLevel(Level.INFO);
        root.addHandler(file);
    }
}
