/**
 * TLS for the ssl and wss listeners: certificate material loaded and validated from PEM files
 * ({@link io.berth.server.tls.TlsMaterial}), the Netty {@code SslContext} built from it
 * ({@link io.berth.server.tls.SslContexts}), each listener's swappable context ({@link io.berth.server.tls.ServerTls}),
 * the certificates generated on first start ({@link io.berth.server.tls.GeneratedCertificates}) and the file watch that
 * reloads them ({@link io.berth.server.tls.CertificateWatcher}).
 */
package io.berth.server.tls;
