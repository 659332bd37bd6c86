package org.stationd.config;

/** How a station reaches phone numbers: a dial-string prefix (e.g. {@code sofia/gateway/mtn/}) and an optional number prefix to strip or add. */
public record Gateway(String name, String dial, String prefix) {
    /** The dial string for a number: the gateway's dial prefix, then the number with {@code prefix} put in front if it lacks it. */
    public String dialString(String number) {
        String n = prefix == null || prefix.isEmpty() || number.startsWith(prefix) ? number : prefix + number;
        return dial + n;
    }
}
