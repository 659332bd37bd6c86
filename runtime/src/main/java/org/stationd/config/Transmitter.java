package org.stationd.config;

/**
 * One way to reach a station's transmitter phone: a raw dial string ({@code sip: user/1001}) or a
 * number through a gateway. A station lists these in fallback order.
 */
public record Transmitter(String label, String dial, String number, String gateway) {
    public String dialString(java.util.Map<String, Gateway> gateways) {
        if (dial != null) {
            return dial;
        }
        return gateways.get(gateway).dialString(number);
    }
}
