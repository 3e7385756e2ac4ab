/**
 * Who may use the management endpoint: administrator and viewer accounts stored hashed under
 * {@code <node.data_dir>/management/}, the first administrator, login tokens, API keys, login throttling and the
 * audit log of changes.
 */
package io.berth.server.management.auth;
