package org.stationd.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.stationd.config.ConsoleConfig;
import org.stationd.metrics.PrometheusText;
import org.stationd.programs.VoiceBoardTest;
import org.stationd.testing.Show;

/**
 * The console in headless Chromium against a running host on the simulated switch: every page
 * used as an operator uses it, screenshots under target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String TOKEN = "operator-token-0123456789";

    @TempDir
    static Path dir;
    static Show show;
    static ConsoleServer console;
    static ConsoleHttp api;
    static Browser browser;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        show = VoiceBoardTest.withPrompts(Show.in(dir))
                .program(Show.programFile("playlist.groovy")).media("jingle.wav", 0.3).media("music-1.wav", 0.5)
                // gulu runs the voice board; its settings are the playlist's for when the page swaps it to the playlist
                .station("gulu", s -> s.program("voiceboard.groovy").transmitter("user/3001").line("ivr", "7009")
                        .settings("{ jingle: jingle.wav, series: [], ads: [], music: [music-1.wav] }"))
                .station("kla", s -> s.program("playlist.groovy").transmitter("user/3002")
                        .settings("{ jingle: jingle.wav, series: [], ads: [], music: [music-1.wav] }"))
                .start();
        console = ConsoleServer.start(show.host(), new ConsoleConfig("127.0.0.1", 0, List.of(), List.of()));
        base = console.url().replaceAll("/$", "");
        api = new ConsoleHttp(base);
        browser = new Browser(Path.of(System.getProperty("stationd.home", ".")).resolve("testkit/target/console-screenshots"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) browser.close();
        if (api != null) api.close();
        if (console != null) console.close();
        if (show != null) show.close();
    }

    private static WebDriver page(String path) {
        browser.driver.get(base + path);
        return browser.driver;
    }

    private static String callsOf(WebDriver d, String station) {
        List<WebElement> cell = d.findElements(By.cssSelector("#stations tr[data-station='" + station + "'] td.calls"));
        return cell.isEmpty() ? null : cell.get(0).getText();
    }

    @Test
    @Order(1)
    void theStationTableUpdatesLiveWhenACallStarts() throws Exception {
        WebDriver d = page("/");
        browser.until("the table shows gulu with no calls", w -> "0".equals(callsOf(w, "gulu")));
        browser.until("the feed is open", w -> "open".equals(w.findElement(By.tagName("body")).getDomAttribute("data-feed")));
        String call = (String) api.post("/api/phone", Map.of("station", "gulu")).json().get("call");
        browser.until("the call shows in the table without a reload", w -> "1".equals(callsOf(w, "gulu")));
        browser.until("the chart counts the call's events", w -> {
            String counted = w.findElement(By.id("chart")).getDomAttribute("data-events");   // set at the chart's first tick
            return counted != null && Integer.parseInt(counted) > 0;
        });
        browser.screenshot("stations");
        api.post("/api/phone/" + call + "/hangup", Map.of());
        browser.until("the call ends in the table", w -> "0".equals(callsOf(w, "gulu")));
    }

    private static long seen(WebDriver d, String text) {
        return d.findElements(By.cssSelector("#plays li")).stream().filter(li -> li.getText().contains(text)).count();
    }

    private static void press(WebDriver d, String key) {
        d.findElement(By.cssSelector("#keypad button[data-key='" + key + "']")).click();
    }

    @Test
    @Order(2)
    void aMessageRecordedOnTheBrowserPhoneWaitsForApprovalAndOnceApprovedAirsOnThePlaylist() throws Exception {
        WebDriver d = page("/phone.html?station=gulu");
        browser.until("the phone is ready", w -> "true".equals(w.findElement(By.tagName("body")).getDomAttribute("data-ready"))
                && "open".equals(w.findElement(By.tagName("body")).getDomAttribute("data-feed")));
        d.findElement(By.id("call")).click();
        browser.until("the board asks for a category", w -> seen(w, "listens for keys") >= 1);
        press(d, "2");
        browser.until("the board asks for days", w -> seen(w, "listens for keys") >= 2);
        press(d, "7");
        press(d, "#");
        browser.until("the board records", w -> seen(w, "records voiceboard-") >= 1);
        press(d, "#");   // the end of the message
        browser.until("the board offers its menu", w -> seen(w, "listens for keys") >= 3);
        browser.screenshot("phone");
        press(d, "2");   // save
        browser.until("the board hangs up", w -> seen(w, "the call ended") >= 1);

        page("/moderation.html?station=gulu");
        browser.until("the message waits for approval", w -> w.findElements(By.cssSelector("#recordings tr[data-status='pending']")).size() == 1);
        WebElement row = d.findElement(By.cssSelector("#recordings tr[data-status='pending']"));
        assertEquals("greeting", row.findElements(By.tagName("td")).get(1).getText());
        assertEquals("256700000001", row.findElements(By.tagName("td")).get(2).getText());
        String audio = row.findElement(By.tagName("audio")).getDomProperty("src");
        assertEquals(200, api.get(audio.substring(base.length())).status(), "the page can play it: " + audio);
        browser.screenshot("moderation");
        row.findElement(By.cssSelector("button.approve")).click();
        browser.until("approved: no longer waiting", w -> w.findElements(By.cssSelector("#recordings tr[data-status='pending']")).isEmpty());
        assertTrue(api.get("/api/stations/gulu/recordings?status=approved").body().contains("\"caller\":\"256700000001\""));

        // the swap from the station page changes what airs: the playlist comes on and plays the approved message
        page("/station.html?id=gulu");
        browser.until("the station page is ready", w -> "true".equals(w.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        new Select(d.findElement(By.id("swap-program"))).selectByValue("playlist.groovy");
        d.findElement(By.id("swap")).click();
        browser.until("the playlist is on air", w -> "playlist.groovy".equals(w.findElement(By.id("summary")).getDomAttribute("data-program")));
        browser.until("the jingle airs", w -> timeline(w, "plays jingle.wav"));
        browser.until("the approved message airs on the playlist", w -> timeline(w, "plays voiceboard-"));
        browser.screenshot("station");
    }

    private static boolean timeline(WebDriver d, String text) {
        return d.findElements(By.cssSelector("#timeline li")).stream().anyMatch(li -> li.getText().contains(text));
    }

    @Test
    @Order(3)
    void aScheduleEntryAddedInThePageTakesEffect() throws Exception {
        WebDriver d = page("/station.html?id=kla");
        browser.until("the station page is ready", w -> "true".equals(w.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertEquals("playlist.groovy", d.findElement(By.id("summary")).getDomAttribute("data-program"));
        String start = LocalDateTime.now(ZoneId.of("Africa/Kampala")).minusMinutes(1).withNano(0).toString();
        new Select(d.findElement(By.id("show-program"))).selectByValue("voiceboard.groovy");
        WebElement when = d.findElement(By.id("show-start"));
        browser.driver.executeScript("arguments[0].value = arguments[1]", when, start);   // a datetime-local's typing depends on the locale
        WebElement duration = d.findElement(By.id("show-duration"));
        duration.clear();
        duration.sendKeys("30m");
        d.findElement(By.id("show-save")).click();
        browser.until("the entry is in the list", w -> w.findElements(By.cssSelector("#schedule tr[data-program='voiceboard.groovy']")).size() == 1);
        browser.until("the show is on air", w -> "voiceboard.groovy".equals(w.findElement(By.id("summary")).getDomAttribute("data-program")));
        browser.until("the week's grid shows it", w -> w.findElements(By.cssSelector("#week .show")).stream().anyMatch(e -> e.getText().contains("voiceboard.groovy")));
        browser.screenshot("schedule");
    }

    @Test
    @Order(4)
    void theCsvExportHoldsTheCallsJustMade() throws Exception {
        WebDriver d = page("/records.html?kind=calls&station=gulu");
        browser.until("the calls are listed", w -> w.findElement(By.tagName("body")).getDomAttribute("data-total") != null);
        browser.screenshot("records");
        String href = d.findElement(By.id("csv")).getDomProperty("href");
        Object csv = browser.driver.executeAsyncScript("const done = arguments[1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
        List<String> rows = ((String) csv).lines().skip(1).filter(l -> l.contains(",gulu,") && l.contains(",inbound,256700000001,7009,")).toList();
        assertEquals(2, rows.size(), "the two calls of the tests before: " + csv);
    }

    @Test
    @Order(5)
    void beyondLoopbackARequestWithoutTheTokenIsRefused() throws Exception {
        try (ConsoleServer open = ConsoleServer.start(show.host(), new ConsoleConfig("0.0.0.0", 0, List.of(TOKEN), List.of()))) {
            String url = "http://127.0.0.1:" + open.port();
            browser.driver.get(url + "/");
            assertTrue(browser.driver.getPageSource().contains("this console needs its access token"), browser.driver.getPageSource());
            browser.driver.get(url + "/?token=" + TOKEN);
            browser.until("the token's cookie lets the page in", w -> callsOf(w, "kla") != null);
            browser.screenshot("with-token");
        }
    }

    @Test
    @Order(6)
    void metricsParse() throws Exception {
        Map<String, PrometheusText.Family> f = PrometheusText.parse(api.get("/metrics").body());
        for (String name : List.of("stationd_station_events_in_total", "stationd_station_events_out_total", "stationd_station_queue_depth",
                "stationd_dropped_events_total", "stationd_handler_seconds", "stationd_program_loads_total", "stationd_program_compile_seconds",
                "stationd_calls_total", "stationd_database_seconds")) {
            assertTrue(f.containsKey(name), name + " in " + f.keySet());
        }
        assertTrue(f.get("stationd_program_loads_total").samples().stream().anyMatch(s -> s.labels().equals(Map.of("station", "gulu", "kind", "swap"))));
        assertTrue(f.get("stationd_calls_total").samples().stream().anyMatch(s -> s.labels().equals(Map.of("station", "gulu", "direction", "inbound")) && s.value() >= 2));
    }
}
