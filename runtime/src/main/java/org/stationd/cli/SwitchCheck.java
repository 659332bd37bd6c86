package org.stationd.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stationd.config.ConfiguredShow;
import org.stationd.config.HostConfig;
import org.stationd.config.StationConfig;
import org.stationd.config.Transmitter;
import org.stationd.esl.client.EslClient;
import org.stationd.esl.command.EventFormat;
import org.stationd.esl.dispatch.EventListener;
import org.stationd.esl.event.EslEvent;
import org.stationd.esl.session.ApiResponse;

/**
 * What the stations of stations.yaml need from a live FreeSWITCH, and whether it has it: the
 * modules, each line parked by the dialplan, each transmitter answering, the media readable.
 * One line per finding, {@code OK} or {@code MISSING}. Probe calls carry {@code station_id=stationd-check}
 * (a running host leaves them alone) and are hung up as soon as they tell what they had to.
 */
final class SwitchCheck {
    static final String PROBE_ID = "stationd-check";
    private static final int LINE_WAIT_SECONDS = 10;
    private static final int TRANSMITTER_TIMEOUT_SECONDS = 20;
    private static final String SMS_CHAT_INTERFACE = "sms";
    private static final Set<String> AUDIO = Set.of("wav", "mp3", "ogg", "flac", "opus", "au", "gsm", "raw", "r8", "r16", "ul", "al");

    private final HostConfig config;
    private final EslClient fs;
    private final String context;
    private final PrintStream out;
    private final Map<String, LineProbe> lineProbes = new ConcurrentHashMap<>();
    private int missing;

    SwitchCheck(HostConfig config, EslClient fs, String context, PrintStream out) {
        this.config = config;
        this.fs = fs;
        this.context = context;
        this.out = out;
    }

    /** Runs every check; returns the number of findings that are MISSING. */
    int run() throws Exception {
        Map<String, Boolean> modules = modules();
        EventListener probes = this::onEvent;
        fs.addListener(probes);
        try {
            fs.events(EventFormat.PLAIN, "CHANNEL_PARK", "CHANNEL_HANGUP").get(10, TimeUnit.SECONDS);
            for (StationConfig s : config.stations()) {
                lines(s, modules.getOrDefault("mod_loopback", false));
                transmitters(s);
                media(s);
            }
        } finally {
            fs.removeListener(probes);
        }
        return missing;
    }

    /** mod_conference always; mod_loopback for the line probes; the endpoint of every transmitter; mod_sms for texts. */
    private Map<String, Boolean> modules() throws Exception {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        needs.put("mod_conference", new ArrayList<>(List.of("conferences")));
        if (config.stations().stream().anyMatch(s -> !s.lines().isEmpty())) {
            needs.put("mod_loopback", new ArrayList<>(List.of("line probes")));
        }
        Map<String, Set<String>> transmitters = new LinkedHashMap<>();
        Set<String> texts = new LinkedHashSet<>();
        for (StationConfig s : config.stations()) {
            for (String dial : dialStrings(s)) {
                String module = endpointModule(dial);
                if (module != null) {
                    transmitters.computeIfAbsent(module, m -> new LinkedHashSet<>()).add(s.id());
                }
            }
            if (s.sms() != null) {
                texts.add(s.id());
            }
        }
        transmitters.forEach((m, ids) -> needs.computeIfAbsent(m, k -> new ArrayList<>()).add("transmitters of " + String.join(", ", ids)));
        if (!texts.isEmpty()) {
            needs.put("mod_sms", List.of("texts to " + String.join(", ", texts)));
        }
        Map<String, Boolean> present = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> m : needs.entrySet()) {
            boolean ok = "true".equals(api("module_exists " + m.getKey()).text());
            present.put(m.getKey(), ok);
            report(ok, "module " + m.getKey() + " (" + String.join("; ", m.getValue()) + ")"
                    + (ok ? "" : ": not loaded; load it in autoload_configs/modules.conf.xml"));
        }
        if (!texts.isEmpty()) {
            chatInterface(texts);
        }
        return present;
    }

    /** The host sends texts with {@code chat sms|from|to|text}: FreeSWITCH hands them to the chat interface named {@code sms}. */
    private void chatInterface(Set<String> stations) throws Exception {
        List<String> names = new ArrayList<>();
        for (String row : api("show chat").text().split("\n")) {
            String[] cols = row.split(",");
            if (cols.length >= 2 && "chat".equals(cols[0])) {
                names.add(cols[1]);
            }
        }
        boolean ok = names.contains(SMS_CHAT_INTERFACE);
        report(ok, "chat interface " + SMS_CHAT_INTERFACE + " (texts from " + String.join(", ", stations) + ")"
                + (ok ? "" : ": FreeSWITCH has only " + String.join(", ", names) + "; texts the stations send are not delivered"));
    }

    /** A probe call to each line, in the context the lines arrive in: the far leg must reach {@code park}. */
    private void lines(StationConfig s, boolean loopback) throws Exception {
        for (Map.Entry<String, List<String>> line : s.lines().entrySet()) {
            for (String number : line.getValue()) {
                String what = s.id() + " line " + line.getKey() + " " + number;
                if (!loopback) {
                    report(false, what + ": cannot probe it without mod_loopback");
                    continue;
                }
                String problem = probeLine(number);
                report(problem == null, what + (problem == null
                        ? " is parked for the host (probe call into context " + context + ", hung up)"
                        : " is not parked (probe call into context " + context + "): " + problem));
            }
        }
    }

    /** Null if the line's probe call parked, else what happened instead. */
    private String probeLine(String number) throws Exception {
        String token = UUID.randomUUID().toString();
        String uuid = UUID.randomUUID().toString();
        CompletableFuture<String> outcome = new CompletableFuture<>();
        lineProbes.put(token, new LineProbe(number, outcome));
        try {
            fs.bgapi("originate {" + probeVariables(LINE_WAIT_SECONDS) + ",stationd_check=" + token + ",origination_uuid=" + uuid + "}loopback/"
                    + number + "/" + context + " &park()").result().whenComplete((r, e) -> {
                        if (e != null) {
                            outcome.complete("the probe call failed: " + e.getMessage());
                        } else if (r.isError()) {
                            outcome.complete(ended(r.errorText()));   // the far leg's hang-up, told first by the job
                        }
                    });
            try {
                return outcome.get(LINE_WAIT_SECONDS + 5, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                return "the call did not park within " + LINE_WAIT_SECONDS + " s";
            }
        } finally {
            lineProbes.remove(token);
            fs.api("uuid_kill " + uuid).get(10, TimeUnit.SECONDS);   // -ERR when it is gone already: fine
        }
    }

    /** A line's probe call: the number dialled, and what became of it (null: parked as that number). */
    private record LineProbe(String number, CompletableFuture<String> outcome) {}

    /**
     * The far (inbound) leg of a line probe parked, or hung up first. The host knows a parked call
     * by its destination number: parked under another (a dialplan that rewrote it) is no good either.
     */
    private void onEvent(EslEvent e) {
        String token = e.variable("stationd_check");
        LineProbe probe = token == null ? null : lineProbes.get(token);
        if (probe == null || !"inbound".equals(e.header("Call-Direction"))) {
            return;
        }
        if ("CHANNEL_PARK".equals(e.name())) {
            String parkedAs = e.header("Caller-Destination-Number");
            probe.outcome().complete(probe.number().equals(parkedAs) ? null
                    : "it is parked as " + parkedAs + ", not as " + probe.number() + ": write the line in stations.yaml as the dialplan parks it");
        } else if ("CHANNEL_HANGUP".equals(e.name())) {
            probe.outcome().complete(ended(e.header("Hangup-Cause")));
        }
    }

    private static String ended(String cause) {
        return "the dialplan ends the call (" + cause + ")";
    }

    /** Each dial string the station's transmitter may be reached by: dialled, hung up as soon as it answers. */
    private void transmitters(StationConfig s) throws Exception {
        for (String dial : dialStrings(s)) {
            ApiResponse r = fs.bgapi("originate {" + probeVariables(TRANSMITTER_TIMEOUT_SECONDS) + "}" + dial + " &park()")
                    .result().get(TRANSMITTER_TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
            String what = s.id() + " transmitter " + dial;
            if (r.text().startsWith("+OK ")) {
                fs.api("uuid_kill " + r.text().substring(4).trim()).get(10, TimeUnit.SECONDS);
                report(true, what + " answers (probe call, hung up at once)");
            } else {
                report(false, what + " does not answer (" + (r.isError() ? r.errorText() : r.text()) + ")");
            }
        }
    }

    /** Every audio file the station's settings (and its shows' settings) name, as the switch will be asked to open it. */
    private void media(StationConfig s) throws Exception {
        Set<String> files = new LinkedHashSet<>();
        collectFiles(s.settings(), files);
        for (ConfiguredShow show : s.schedule()) {
            collectFiles(show.settings(), files);
        }
        for (String file : files) {
            String path = file.startsWith("/") ? file : config.mediaDir().resolve(file).toAbsolutePath().normalize().toString();
            boolean ok = "true".equals(api("file_exists " + path).text());
            report(ok, s.id() + " media " + file + (ok ? " (" + path + ")" : ": FreeSWITCH cannot find " + path));
        }
    }

    private static void collectFiles(Object value, Set<String> files) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectFiles(v, files));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectFiles(v, files));
        } else if (value instanceof String f && !f.contains("://") && !f.startsWith("say:")) {
            int dot = f.lastIndexOf('.');
            if (dot > 0 && AUDIO.contains(f.substring(dot + 1).toLowerCase(java.util.Locale.ROOT))) {
                files.add(f);
            }
        }
    }

    private static List<String> dialStrings(StationConfig s) {
        List<String> dials = new ArrayList<>();
        for (Transmitter t : s.transmitters()) {
            dials.add(t.dialString(s.gateways()));
        }
        return dials;
    }

    /** {@code loopback/tx1/stations} → mod_loopback; {@code user/2001} is mod_dptools' user endpoint. */
    static String endpointModule(String dial) {
        String d = dial.startsWith("{") && dial.indexOf('}') > 0 ? dial.substring(dial.indexOf('}') + 1) : dial;
        int slash = d.indexOf('/');
        if (slash <= 0) {
            return null;
        }
        String endpoint = d.substring(0, slash);
        return "user".equals(endpoint) ? "mod_dptools" : "mod_" + endpoint;
    }

    private static String probeVariables(int timeoutSeconds) {
        return "station_id=" + PROBE_ID + ",origination_caller_id_number=" + PROBE_ID + ",originate_timeout=" + timeoutSeconds;
    }

    private ApiResponse api(String command) throws Exception {
        return fs.api(command).get(10, TimeUnit.SECONDS);
    }

    private void report(boolean ok, String finding) {
        if (!ok) {
            missing++;
        }
        out.println((ok ? "OK       " : "MISSING  ") + finding);
    }
}
