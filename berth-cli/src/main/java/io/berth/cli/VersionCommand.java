package io.berth.cli;

import io.berth.server.BerthVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code berth version}: prints {@code berth <version>}. */
@Command(name = "version", description = "Print the version of Berth.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("berth " + BerthVersion.get());
        return 0;
    }
}
