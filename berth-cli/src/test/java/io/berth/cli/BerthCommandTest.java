package io.berth.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BerthCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        var cmd = BerthCommand.create(env, dir.resolve("conf/berth.conf"), () -> { });
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void version_printsBerthAndTheBuildVersion() {
        int status = run(Map.of(), "version");

        assertThat(status).isZero();
        assertThat(out.toString()).matches("berth \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void versionOption_printsTheSameAsTheVersionCommand() {
        run(Map.of(), "version");
        String command = out.toString();
        out.getBuffer().setLength(0);

        assertThat(run(Map.of(), "--version")).isZero();
        assertThat(out.toString()).isEqualTo(command);
    }

    @Test
    void noCommand_printsUsageAndExits2() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString()).contains("berth: missing command").contains("Usage: berth");
    }

    @Test
    void unknownCommand_exits2() {
        assertThat(run(Map.of(), "stop-everything")).isEqualTo(2);
        assertThat(err.toString()).contains("stop-everything");
    }

    @Test
    void everyCommand_answersHelpWithItsUsage() {
        for (String[] command : new String[][] {{"start"}, {"pub"}, {"sub"}, {"bench"}, {"bench", "pub"},
                {"bench", "scenario"}, {"check"}, {"users"}, {"users", "add"}, {"acl"}, {"acl", "explain"}, {"store"},
                {"store", "check"}, {"audit"}, {"ctl"}, {"ctl", "listeners"}, {"ctl", "listeners", "list"}}) {
            out.getBuffer().setLength(0);
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";

            assertThat(run(Map.of(), args)).as(String.join(" ", args) + ": " + err).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).startsWith("Usage: berth " + String.join(" ", command));
        }
    }

    @Test
    void help_listsTheCommands() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("start").contains("version").contains("pub").contains("sub");
    }
}
