package io.berth.it.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a command-line tool to completion (mosquitto_passwd, mosquitto_pub) and returns its exit code and output. */
final class Processes {

    record Result(int exitCode, String output) {
    }

    private Processes() {
    }

    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("%s finished within %s", command[0], timeout).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), out);
    }
}
