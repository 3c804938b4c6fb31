package dev.cantrip.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link LoadOptions}: the command line's defaults, and a message naming whatever is wrong. */
class LoadOptionsTest {

    @Test
    void defaultsAreTheIssuesFirstTarget() {
        LoadOptions o = LoadOptions.parse("--port", "4000", "--admin", "a:b");
        assertThat(o.sessions()).isEqualTo(1000);
        assertThat(o.active()).isEqualTo(200);
        assertThat(o.rate()).isEqualTo(2.0);
        assertThat(o.seconds()).isEqualTo(60);
        assertThat(o.rooms()).isEqualTo(50);
        assertThat(o.runaway()).isFalse();
        assertThat(o.developers()).isZero();
        assertThat(o.adminName()).isEqualTo("a");
        assertThat(o.adminPassword()).isEqualTo("b");
    }

    @Test
    void developersCountStaffTheRunawayAndAsyncJobs() {
        LoadOptions o = LoadOptions.parse("--port", "1", "--admin", "a:b:c", "--staff", "5", "--runaway", "--async", "2",
                "--sessions", "10", "--active", "50");
        assertThat(o.developers()).isEqualTo(8);
        assertThat(o.active()).as("no more active than sessions").isEqualTo(10);
        assertThat(o.adminPassword()).isEqualTo("b:c");
    }

    @Test
    void badCommandLinesAreNamed() {
        assertThatThrownBy(() -> LoadOptions.parse("--admin", "a:b")).hasMessageContaining("--port and --admin");
        assertThatThrownBy(() -> LoadOptions.parse("--port", "1", "--admin", "a:b", "--sesions", "5"))
                .hasMessageContaining("unknown option '--sesions'");
        assertThatThrownBy(() -> LoadOptions.parse("--port", "1", "--admin", "a:b", "--seconds"))
                .hasMessageContaining("--seconds needs a value");
        assertThatThrownBy(() -> LoadOptions.parse("--port", "1", "--admin", "a:b", "--rate", "fast"))
                .hasMessageContaining("--rate must be a number, got 'fast'");
        assertThatThrownBy(() -> LoadOptions.parse("--port", "1", "--admin", "ab"))
                .hasMessageContaining("--admin must be name:password");
        assertThatThrownBy(() -> LoadOptions.parse("--port", "1", "--admin", "a:b", "--moves", "2"))
                .hasMessageContaining("--moves must be 0 to 1");
    }
}
