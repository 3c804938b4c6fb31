package dev.cantrip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMatchTheDocumentedOnes() {
        ServerConfig c = ConfigLoader.load(List.of("--data", dir.toString()));
        assertThat(c.bind()).isEqualTo("127.0.0.1");
        assertThat(c.telnetPort()).isEqualTo(4000);
        assertThat(c.webPort()).isEqualTo(4001);
        assertThat(c.maxLineBytes()).isEqualTo(8192);
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:").endsWith("cantrip");
    }

    @Test
    void flagsOverrideTheFileWhichOverridesDefaults() throws Exception {
        Files.writeString(dir.resolve("cantrip.properties"), """
                telnet.port = 5000
                web.port = 5001
                login.idle-timeout-seconds = 60
                """);
        ServerConfig c = ConfigLoader.load(List.of("--data", dir.toString(), "--telnet-port=6000", "--bind", "0.0.0.0"));
        assertThat(c.telnetPort()).isEqualTo(6000);
        assertThat(c.webPort()).isEqualTo(5001);
        assertThat(c.bind()).isEqualTo("0.0.0.0");
        assertThat(c.loginIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--data", dir.toString(), "--telnet-port", "99999")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--telnet-port").hasMessageContaining("65535");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--data", dir.toString(), "--port", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown option '--port'");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--data", dir.toString(), "--web-port")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a value");
    }

    @Test
    void unknownSettingsInTheFileAreErrors() throws Exception {
        Files.writeString(dir.resolve("cantrip.properties"), "telnet.prot = 5000\n");
        assertThatThrownBy(() -> ConfigLoader.load(List.of("--data", dir.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telnet.prot");
    }
}
