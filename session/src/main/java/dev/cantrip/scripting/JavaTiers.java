package dev.cantrip.scripting;

import dev.cantrip.account.Role;
import dev.cantrip.sandbox.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The game's sandbox tiers: {@code developer} for Developers and Admins, {@code builder} for anyone
 * below when the configuration opens {@code java} to them. Each is read from
 * {@code <data>/tiers/<name>.policy} when an operator has put one there, else from the copy built
 * in ({@code dev/cantrip/scripting/tiers/}).
 */
public final class JavaTiers {

    public static final String DEVELOPER = "developer";
    public static final String BUILDER = "builder";

    private JavaTiers() {}

    /** The tier for a role. */
    public static String forRole(Role role) {
        return role.atLeast(Role.ADMIN) ? DEVELOPER : BUILDER;
    }

    /**
     * Reads a tier.
     *
     * @param dir the operator's tier files, or null
     * @throws IllegalArgumentException naming the file and line, if a tier file is wrong
     */
    public static Tier load(String name, Path dir) {
        if (dir != null) {
            Path file = dir.resolve(name + ".policy");
            if (Files.isRegularFile(file)) {
                try {
                    return Tier.parse(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        String resource = "tiers/" + name + ".policy";
        try (InputStream in = JavaTiers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("there is no tier called " + name);
            }
            return Tier.parse(name, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
