package org.stationd.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.stationd.config.ConsoleConfig;
import org.stationd.station.StationContext;
import org.stationd.storage.postgres.LivePostgres;
import org.stationd.testing.Show;

/**
 * The console of a host in a cluster: two hosts (each on its own simulated switch) share one real
 * PostgreSQL and split four stations; host b's console, opened with a read-only token, shows both
 * hosts, the stations each owns and their lease times, in the API and in headless Chromium.
 */
class ConsoleClusterTest {
    static final String READ_ONLY = "viewer-token-0123456789ab";
    static final List<String> STATIONS = List.of("k1", "k2", "k3", "k4");

    @RegisterExtension
    static final LivePostgres PG = new LivePostgres();

    @TempDir
    static Path dir;
    static Show a;
    static Show b;
    static ConsoleServer console;
    static ConsoleHttp viewer;

    static final String SHOW = """
            program {
                apiVersion 1
                state('dialling') {
                    enter { station.dialTransmitter() }
                    on.answered { e -> go 'live' }
                }
                state('live') {}
            }
            """;

    static Show host(String id, String url) throws Exception {
        Show.Builder s = Show.in(dir.resolve(id)).program("show.groovy", SHOW)
                .config("database: { url: '" + url + "', user: " + PG.user() + " }\ncluster: { host_id: " + id + ", lease: 5s }");
        for (String st : STATIONS) s.station(st, x -> x.program("show.groovy").transmitter("user/300" + (1 + STATIONS.indexOf(st) % 3)));
        return s.start();
    }

    static Set<String> running(Show s) {
        return s.host().stations().stream().map(StationContext::id).collect(Collectors.toCollection(TreeSet::new));
    }

    @BeforeAll
    static void start() throws Exception {
        String url = PG.newDatabase();
        a = host("a", url);
        b = host("b", url);
        b.await("two stations on each host", () -> running(a).size() == 2 && running(b).size() == 2);
        // bound beyond loopback, so the viewer's token is what lets it in
        console = ConsoleServer.start(b.host(), new ConsoleConfig("0.0.0.0", 0, List.of("operator-token-0123456789"), List.of(READ_ONLY)));
        viewer = new ConsoleHttp(console.url()).bearer(READ_ONLY);
    }

    @AfterAll
    static void stop() throws Exception {
        if (viewer != null) viewer.close();
        if (console != null) console.close();
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiShowsEveryHostItsStationsAndItsLeaseTimes() throws Exception {
        ConsoleHttp.Answer noToken = new ConsoleHttp(console.url()).get("/api/cluster");
        assertEquals(401, noToken.status(), noToken.body());
        ConsoleHttp.Answer answer = viewer.get("/api/cluster");
        assertEquals(200, answer.status(), answer.body());
        Map<String, Object> c = answer.json();
        assertEquals(true, c.get("clustered"));
        assertEquals("b", c.get("host"));
        assertEquals(5.0, ((Number) c.get("leaseSeconds")).doubleValue());
        List<Map<String, Object>> hosts = (List<Map<String, Object>>) c.get("hosts");
        assertEquals(List.of("a", "b"), hosts.stream().map(h -> h.get("host")).toList());
        assertEquals(List.of(false, true), hosts.stream().map(h -> h.get("thisHost")).toList());
        List<String> all = new ArrayList<>();
        for (Map<String, Object> h : hosts) {
            Show s = h.get("host").equals("a") ? a : b;
            assertEquals(true, h.get("live"), h.toString());
            assertEquals(List.copyOf(running(s)), h.get("stations"), h.toString());
            all.addAll((List<String>) h.get("stations"));
            double ago = ((Number) h.get("renewedSecondsAgo")).doubleValue();
            double left = ((Number) h.get("expiresInSeconds")).doubleValue();
            // a renewal holds three quarters of the 5 s lease, renewed every quarter
            assertTrue(ago >= 0 && left > 0 && left <= 3.75 && ago + left <= 3.75 + 0.1, h.toString());
            assertTrue(java.time.Instant.parse((String) h.get("expires")).isAfter(java.time.Instant.parse((String) h.get("renewed"))), h.toString());
        }
        assertEquals(STATIONS, all.stream().sorted().toList(), "every station owned by exactly one host");
        List<Map<String, Object>> leases = (List<Map<String, Object>>) c.get("leases");
        assertEquals(STATIONS, leases.stream().map(l -> l.get("station")).toList());
        for (Map<String, Object> l : leases) {
            Show owner = running(a).contains(l.get("station")) ? a : b;
            assertEquals(owner == a ? "a" : "b", l.get("owner"), l.toString());
            assertTrue(((Number) l.get("epoch")).longValue() >= 1, l.toString());
        }
        assertEquals(403, viewer.post("/api/reload", Map.of()).status(), "the viewer may only look");
    }

    private static String cell(WebDriver d, String host, String cls) {
        List<WebElement> td = d.findElements(By.cssSelector("#hosts tr[data-host='" + host + "'] td." + cls));
        return td.isEmpty() ? null : td.get(0).getText();
    }

    @Test
    void thePageShowsBothHostsWithTheirStations() throws Exception {
        try (Browser browser = new Browser(Path.of(System.getProperty("stationd.home", ".")).resolve("testkit/target/console-screenshots"))) {
            WebDriver d = browser.driver;
            d.get(console.url() + "cluster.html?token=" + READ_ONLY);
            browser.until("both hosts with two stations each", w -> "2".equals(cell(w, "a", "count")) && "2".equals(cell(w, "b", "count")));
            assertEquals(String.join(" ", running(a)), cell(d, "a", "stations"));
            assertEquals(String.join(" ", running(b)), cell(d, "b", "stations"));
            assertEquals("b (this host)", cell(d, "b", "host"));
            assertEquals("a", cell(d, "a", "host"));
            assertTrue(cell(d, "a", "lease").matches("in \\d+\\.\\d s \\(.+\\)"), cell(d, "a", "lease"));
            assertTrue(d.findElement(By.id("summary")).getText().startsWith("This host: b, lease 5 s"), d.findElement(By.id("summary")).getText());
            assertEquals(4, d.findElements(By.cssSelector("#leases tbody tr")).size());
            // refreshed by itself: the renewal time moves on without a reload
            String first = d.findElement(By.tagName("body")).getDomAttribute("data-refreshed");
            browser.until("the page refreshes", w -> !first.equals(w.findElement(By.tagName("body")).getDomAttribute("data-refreshed")));
            browser.screenshot("cluster");
        }
    }
}
