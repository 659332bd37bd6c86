package org.stationd.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.session.ApiResponse;
import org.stationd.station.StationContext;
import org.stationd.switchlink.SwitchLink;

/**
 * In a cluster, a station this host takes over may have calls on the switch that its previous
 * owner placed or was given and can no longer end (killed, cut off, fenced). Before the station's
 * program starts here they are hung up, so no call stays on the switch with nobody to end it and
 * the program starts from a clean slate (its transmitter is dialled anew):
 * <ul>
 * <li>every call the station placed carries the channel variable {@code station_id} (see the
 * Dialler): {@code hupall NORMAL_CLEARING station_id <id>} ends them all (both legs of a loopback);
 * <li>a listener's call parked on one of the station's numbers has no such variable: the switch's
 * {@code show channels as json} names it by its destination, and it is ended unless this host's
 * router has given it to the station already.
 * </ul>
 * The commands go through the station's own (fenced) link: a host that lost the station meanwhile
 * sends nothing. Nothing is adopted: a program cannot take over a call in the middle of what
 * another program did with it.
 */
final class LeftCalls {
    private static final Logger log = LoggerFactory.getLogger(LeftCalls.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CAUSE = "NORMAL_CLEARING";
    private static final long WAIT_SECONDS = 5;

    private final Predicate<String> routedHere;

    /** {@code routedHere}: whether a call uuid is already given to a station of this host. */
    LeftCalls(Predicate<String> routedHere) {
        this.routedHere = routedHere;
    }

    /** Ends what the previous owner of {@code station} left on the switch; waits for the switch's answers (at most a few seconds each). */
    void clear(StationContext station, SwitchLink link) {
        String id = station.id();
        try {
            ApiResponse placed = link.api("hupall " + CAUSE + " station_id " + id).get(WAIT_SECONDS, TimeUnit.SECONDS);
            if (placed.isError()) log.warn("station {}: hupall refused: {}", id, placed.errorText());
            List<String> numbers = station.config().lines().values().stream().flatMap(List::stream).toList();
            List<String> parked = List.of();
            if (!numbers.isEmpty()) {   // the whole channel list, once per station taken over: only when it has numbers to look for
                parked = listenerCalls(link.api("show channels as json").get(WAIT_SECONDS, TimeUnit.SECONDS).body(), numbers);
            }
            int ended = 0;
            for (String uuid : parked) {
                if (routedHere.test(uuid)) continue;
                link.api("uuid_kill " + uuid + " " + CAUSE);
                ended++;
            }
            station.log("info", "taken over: the calls it placed before (station_id " + id + ") hung up"
                    + (ended == 0 ? "" : ", and " + ended + " listener call(s) left on its numbers"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.warn("station {}: cannot clear the calls its previous owner left on the switch: {}", id, cause.getMessage());
            station.log("warn", "taken over, but the calls its previous owner left on the switch could not be cleared: " + cause.getMessage());
        }
    }

    /** The inbound calls of {@code show channels as json} whose destination is one of {@code numbers}. */
    static List<String> listenerCalls(String json, List<String> numbers) throws java.io.IOException {
        Set<String> wanted = new HashSet<>(numbers);
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.has("row_count")) {
            throw new java.io.IOException("not a channel list: " + json.strip());
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode row : root.path("rows")) {
            if ("inbound".equals(row.path("direction").asText()) && wanted.contains(row.path("dest").asText())) {
                out.add(row.path("uuid").asText());
            }
        }
        return out;
    }
}
