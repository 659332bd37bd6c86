package org.stationd.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry's text is Prometheus' format, held to it by a strict parser (which refuses what the format does not allow). */
class MetricsTest {
    @Test
    void countersHistogramsAndGaugesAreWrittenInTheTextFormat() {
        Metrics m = new Metrics();
        m.counter("t_events_total", "events \\ with \"quotes\"\nand a line", "station").add(3, "a\"b\\c\nd");
        m.counter("t_events_total", "events", "station").inc("plain");
        Metrics.Histogram h = m.histogram("t_seconds", "time", new double[] {0.01, 0.1, 1}, "station");
        h.observe(0.005, "x");
        h.observe(0.05, "x");
        h.observe(5, "x");
        m.gauge("t_depth", "depth", () -> Map.of(List.of("x"), 2.5), "station");
        m.counterReadAt("t_dropped_total", "dropped", () -> Map.of(List.of(), 7.0));

        Map<String, PrometheusText.Family> f = PrometheusText.parse(m.scrape());
        assertEquals("counter", f.get("t_events_total").type());
        assertEquals(List.of(Map.of("station", "a\"b\\c\nd"), Map.of("station", "plain")),
                f.get("t_events_total").samples().stream().map(PrometheusText.Sample::labels).sorted(java.util.Comparator.comparing(Object::toString)).toList());
        PrometheusText.Family hist = f.get("t_seconds");
        assertEquals("histogram", hist.type());
        List<Double> v = hist.samples().stream().map(PrometheusText.Sample::value).toList();
        assertEquals(List.of(1.0, 2.0, 2.0, 3.0), v.subList(0, 4));
        assertEquals(5.055, v.get(4), 1e-9);
        assertEquals(3.0, v.get(5));
        assertEquals("+Inf", hist.samples().get(3).labels().get("le"));
        assertEquals(2.5, f.get("t_depth").samples().get(0).value());
        assertEquals("counter", f.get("t_dropped_total").type());
    }

    @Test
    void theParserRefusesWhatTheFormatDoesNotAllow() {
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("x 1\n"));   // no TYPE
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x counter\nx{a=b} 1\n"));   // unquoted
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x counter\nx one\n"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse("# TYPE x counter\nx 1"));   // no final line feed
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n"));   // not cumulative
        assertThrows(IllegalArgumentException.class, () -> PrometheusText.parse(
                "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n"));   // no +Inf
    }
}
