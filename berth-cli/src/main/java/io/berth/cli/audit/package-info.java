/**
 * {@code berth audit}: a security review of the configuration {@code berth start} would use (and, with
 * {@code --url}, of the running broker), each finding with a severity and the fix.
 */
package io.berth.cli.audit;
