/**
 * The {@code berth} command line ({@link io.berth.cli.BerthCommand}): {@code start} runs the broker in the
 * foreground, {@code version} prints the version. {@code main} is the only place that exits the JVM.
 */
package io.berth.cli;
