package org.infermeter.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which probe measured a sample: the region it measures from and an id unique to this process
 * ({@code host-pid-random}), so a restarted probe on the same host is a new probe.
 */
public record ProbeIdentity(String region, String probeId) {
    public ProbeIdentity {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(probeId, "probeId");
        if (!region.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("region \"" + region + "\" is not a region name: use 1 to 63 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit (e.g. eu-west)");
        }
    }

    /** This process in {@code region}. */
    public static ProbeIdentity of(String region) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return new ProbeIdentity(region, host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random));
    }
}
