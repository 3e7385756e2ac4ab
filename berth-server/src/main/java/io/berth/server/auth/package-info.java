/**
 * The server's side of security: the built-in user store as a file, Mosquitto password file import, and the ACL
 * file with its reload watcher. The decisions themselves are made in {@code io.berth.core.auth} and
 * {@code io.berth.core.acl}.
 */
package io.berth.server.auth;
