package dev.cantrip.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code java} command in the real server process, over real telnet sockets. */
class JavaEndToEndTest {

    @TempDir
    Path data;

    @Test
    void aDeveloperEvaluatesDeclaresUsesTheConsoleAndAPlayerIsRefused() throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "Wizard:wizard-password");
             TelnetTestClient wiz = new TelnetTestClient(server.telnetPort);
             TelnetTestClient pat = new TelnetTestClient(server.telnetPort)) {
            wiz.expect("Welcome to Cantrip");
            wiz.say("connect Wizard wizard-password", "Welcome, Wizard! (Developer)");
            pat.expect("Welcome to Cantrip");
            pat.say("create Pat pat-password", "Welcome, Pat!");

            wiz.say("java here", "==> Limbo(#1)  (GameObject)");
            wiz.say("java self.msg(\"hi\")", "\nhi");
            wiz.say("java String greet(GameObject o) { return \"Hi \" + o.key(); }", "created method greet(GameObject)");
            wiz.say("java greet(self)", "==> \"Hi Wizard\"");
            wiz.say("north", "Garden");
            wiz.say("java here", "==> Garden(#");
            String typo = wiz.say("java self.kye()", "^------^");
            assertThat(typo).contains("Error: cannot find symbol", "self.kye()");

            wiz.say("java", "java> ");
            wiz.say("int twice(int x) {", "...> ");
            wiz.say("  return 2 * x;", "...> ");
            wiz.say("}", "created method twice(int)");
            wiz.say("twice(21)", "==> 42");
            wiz.say("/exit", "Left the Java console");
            wiz.say("look", "Garden");

            pat.say("java 1 + 1", "Huh? 'java' is not a command here.");
        }
    }
}
