package org.stationd.control;

/**
 * Another host's publish socket as a cluster host advertises it in the database: its endpoint and,
 * when that host has operator keys (CURVE), its public key, which a subscriber needs as the CURVE
 * server key. Written as {@code ENDPOINT} or {@code ENDPOINT curve=KEY} (a Z85 key has no space).
 */
public record BusPeer(String endpoint, String curveKey) {
    private static final String CURVE = " curve=";

    public static BusPeer parse(String advertised) {
        int at = advertised.indexOf(CURVE);
        return at < 0 ? new BusPeer(advertised, null) : new BusPeer(advertised.substring(0, at), advertised.substring(at + CURVE.length()).trim());
    }

    @Override
    public String toString() {
        return curveKey == null ? endpoint : endpoint + CURVE + curveKey;
    }
}
