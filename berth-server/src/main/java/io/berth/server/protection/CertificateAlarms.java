package io.berth.server.protection;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Alarms for a TLS listener's server certificate: {@code certificate_expired/<listener>} (critical) once it has
 * expired, {@code certificate_expiring/<listener>} (warning) within {@value #WARN_DAYS} days of it. Re-evaluated
 * every second, so a rotated certificate clears them.
 */
final class CertificateAlarms {

    static final int WARN_DAYS = 30;

    private CertificateAlarms() {
    }

    static void check(AlarmRegistry alarms, String listenerId, X509Certificate cert, Instant now) {
        String expired = "certificate_expired/" + listenerId;
        String expiring = "certificate_expiring/" + listenerId;
        Instant notAfter = cert.getNotAfter().toInstant();
        Map<String, String> details = Map.of("listener", listenerId,
                "subject", cert.getSubjectX500Principal().getName(), "not_after", notAfter.toString());
        if (!now.isBefore(notAfter)) {
            alarms.clear(expiring);
            alarms.raise(expired, Alarm.Severity.CRITICAL, "the certificate of listener " + listenerId
                    + " expired on " + notAfter + ": clients will refuse the handshake", details);
        } else if (now.plus(Duration.ofDays(WARN_DAYS)).isAfter(notAfter)) {
            alarms.clear(expired);
            alarms.raise(expiring, Alarm.Severity.WARNING, "the certificate of listener " + listenerId
                    + " expires on " + notAfter, details);
        } else {
            alarms.clear(expired);
            alarms.clear(expiring);
        }
    }
}
