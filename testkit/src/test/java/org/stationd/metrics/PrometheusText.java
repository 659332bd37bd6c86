package org.stationd.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of Prometheus' text exposition format 0.0.4 (as documented at
 * prometheus.io/docs/instrumenting/exposition_formats): no Java client library parses it, so the
 * tests hold the console's output to the format here. Every line is a HELP, a TYPE or a sample;
 * a family's TYPE comes before its samples and once; sample names belong to the declared family
 * (histograms: _bucket with le, _sum, _count); values are Go floats; label values are escaped.
 * A histogram's buckets are cumulative, end with le="+Inf", and that bucket equals _count.
 */
public final class PrometheusText {
    public record Sample(String name, Map<String, String> labels, double value) {}

    public record Family(String name, String type, String help, List<Sample> samples) {}

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern VALUE = Pattern.compile("[+-]?(Inf|NaN|\\d+(\\.\\d*)?([eE][+-]?\\d+)?|\\.\\d+([eE][+-]?\\d+)?)");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusText() {}

    public static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) throw new IllegalArgumentException("the text must end with a line feed");
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) continue;
            try {
                if (line.startsWith("# HELP ")) {
                    String[] p = line.substring(7).split(" ", 2);
                    name(p[0]);
                    if (help.put(p[0], p.length > 1 ? p[1] : "") != null) throw new IllegalArgumentException("HELP twice for " + p[0]);
                } else if (line.startsWith("# TYPE ")) {
                    String[] p = line.substring(7).split(" ");
                    if (p.length != 2 || !TYPES.contains(p[1])) throw new IllegalArgumentException("bad TYPE line");
                    name(p[0]);
                    if (families.containsKey(p[0])) throw new IllegalArgumentException("TYPE twice (or after samples) for " + p[0]);
                    families.put(p[0], new Family(p[0], p[1], help.getOrDefault(p[0], ""), new ArrayList<>()));
                } else if (line.startsWith("#")) {
                    continue;   // a comment
                } else {
                    sample(line, families);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + n + " '" + line + "': " + e.getMessage(), e);
            }
        }
        families.values().forEach(PrometheusText::checkHistogram);
        return families;
    }

    private static void sample(String line, Map<String, Family> families) {
        Matcher m = NAME.matcher(line);
        if (!m.lookingAt()) throw new IllegalArgumentException("no metric name");
        String name = m.group();
        int i = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            int close = line.indexOf('}', i);
            String body = line.substring(i + 1, close < 0 ? line.length() : close);
            if (close < 0) throw new IllegalArgumentException("labels not closed");
            Matcher l = LABEL.matcher(body);
            int at = 0;
            while (at < body.length()) {
                if (!l.find(at) || l.start() != at) throw new IllegalArgumentException("bad label at '" + body.substring(at) + "'");
                if (labels.put(l.group(1), l.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\")) != null) {
                    throw new IllegalArgumentException("label " + l.group(1) + " twice");
                }
                at = l.end();
                if (at < body.length()) {
                    if (body.charAt(at) != ',') throw new IllegalArgumentException("labels must be separated by ','");
                    at++;
                }
            }
            i = close + 1;
        }
        String[] rest = line.substring(i).split(" ", -1);
        if (rest.length < 2 || !rest[0].isEmpty() || rest.length > 3) throw new IllegalArgumentException("want: name{labels} value [timestamp]");
        if (!VALUE.matcher(rest[1]).matches()) throw new IllegalArgumentException("not a value: " + rest[1]);
        if (rest.length == 3 && !rest[2].matches("-?\\d+")) throw new IllegalArgumentException("not a timestamp: " + rest[2]);
        Family f = familyOf(name, families);
        if (f.type().equals("histogram") && name.endsWith("_bucket") && !labels.containsKey("le")) throw new IllegalArgumentException("a bucket without le");
        String v = rest[1].replace("Inf", "Infinity");
        f.samples().add(new Sample(name, labels, Double.parseDouble(v)));
    }

    private static Family familyOf(String name, Map<String, Family> families) {
        Family f = families.get(name);
        if (f != null && !f.type().equals("histogram") && !f.type().equals("summary")) return f;
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                Family h = families.get(name.substring(0, name.length() - suffix.length()));
                if (h != null && (h.type().equals("histogram") || h.type().equals("summary") && !suffix.equals("_bucket"))) return h;
            }
        }
        throw new IllegalArgumentException("sample " + name + " of no declared family");
    }

    private static void checkHistogram(Family f) {
        if (!f.type().equals("histogram")) return;
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            Map<String, String> series = new LinkedHashMap<>(s.labels());
            series.remove("le");
            if (s.name().endsWith("_bucket")) buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            if (s.name().endsWith("_count")) counts.put(series, s.value());
        }
        buckets.forEach((series, list) -> {
            double prevLe = Double.NEGATIVE_INFINITY;
            double prev = 0;
            for (Sample b : list) {
                double le = Double.parseDouble(b.labels().get("le").replace("Inf", "Infinity"));
                if (le <= prevLe) throw new IllegalArgumentException(f.name() + series + ": buckets out of order");
                if (b.value() < prev) throw new IllegalArgumentException(f.name() + series + ": buckets not cumulative");
                prevLe = le;
                prev = b.value();
            }
            if (prevLe != Double.POSITIVE_INFINITY) throw new IllegalArgumentException(f.name() + series + ": no le=\"+Inf\" bucket");
            if (!counts.containsKey(series) || counts.get(series) != prev) throw new IllegalArgumentException(f.name() + series + ": _count is not the +Inf bucket");
        });
    }

    private static void name(String n) {
        if (!NAME.matcher(n).matches()) throw new IllegalArgumentException("not a metric name: " + n);
    }
}
