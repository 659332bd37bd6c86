package org.stationd.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * A small metrics registry: counters, histograms and gauges read when scraped, each family with
 * label names, written in Prometheus' text format (version 0.0.4) by {@link #scrape}. One registry
 * per process ({@link #global}), as a host is one process; families are made once and fed from
 * where things happen, with no locks on the way (adders per labelled series).
 */
public final class Metrics {
    private static final Metrics GLOBAL = new Metrics();

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();

    public static Metrics global() {
        return GLOBAL;
    }

    /** A counter family; the same name gives the same family. */
    public Counter counter(String name, String help, String... labels) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(n, help, labels));
    }

    /** A histogram family of seconds with the given upper bounds. */
    public Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(n, help, buckets, labels));
    }

    /** A gauge read at each scrape: label values (in {@code labels}' order) to the value now. */
    public void gauge(String name, String help, Supplier<Map<List<String>, Double>> read, String... labels) {
        families.put(name, new Gauge(name, help, labels, read, "gauge"));
    }

    /** A counter kept elsewhere (a total since start), read at each scrape. */
    public void counterReadAt(String name, String help, Supplier<Map<List<String>, Double>> read, String... labels) {
        families.put(name, new Gauge(name, help, labels, read, "counter"));
    }

    /** Every family, in the text format Prometheus scrapes. */
    public String scrape() {
        StringBuilder b = new StringBuilder();
        for (Family f : families.values()) {
            b.append("# HELP ").append(f.name).append(' ').append(f.help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            b.append("# TYPE ").append(f.name).append(' ').append(f.type()).append('\n');
            f.write(b);
        }
        return b.toString();
    }

    /** A family of series of one kind, told apart by label values. */
    abstract static class Family {
        final String name;
        final String help;
        final String[] labels;

        Family(String name, String help, String[] labels) {
            if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) throw new IllegalArgumentException("not a metric name: " + name);
            this.name = name;
            this.help = help;
            this.labels = labels.clone();
        }

        abstract String type();

        abstract void write(StringBuilder b);

        List<String> key(String... values) {
            if (values.length != labels.length) {
                throw new IllegalArgumentException(name + " has labels " + List.of(labels) + ", given " + values.length + " value(s)");
            }
            List<String> k = new ArrayList<>(values.length);
            for (String v : values) k.add(v == null ? "" : v);
            return List.copyOf(k);
        }

        /** {@code {a="x",b="y"}} (with {@code extra} last), or nothing without labels. */
        String labelText(List<String> values, String extraName, String extraValue) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < labels.length; i++) {
                b.append(b.isEmpty() ? "{" : ",").append(labels[i]).append("=\"").append(escape(values.get(i))).append('"');
            }
            if (extraName != null) b.append(b.isEmpty() ? "{" : ",").append(extraName).append("=\"").append(extraValue).append('"');
            return b.isEmpty() ? "" : b.append('}').toString();
        }

        static String escape(String v) {
            return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        }

        static String number(double v) {
            if (Double.isNaN(v)) return "NaN";
            if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** Counts that only go up. */
    public static final class Counter extends Family {
        private final Map<List<String>, java.util.concurrent.atomic.LongAdder> series = new ConcurrentHashMap<>();

        Counter(String name, String help, String[] labels) {
            super(name, help, labels);
        }

        public void inc(String... labelValues) {
            add(1, labelValues);
        }

        public void add(long n, String... labelValues) {
            series.computeIfAbsent(key(labelValues), k -> new java.util.concurrent.atomic.LongAdder()).add(n);
        }

        public long get(String... labelValues) {
            var a = series.get(key(labelValues));
            return a == null ? 0 : a.sum();
        }

        @Override String type() { return "counter"; }

        @Override
        void write(StringBuilder b) {
            series.forEach((k, v) -> b.append(name).append(labelText(k, null, null)).append(' ').append(v.sum()).append('\n'));
        }
    }

    /** Values read when scraped (queue depths, connections). */
    static final class Gauge extends Family {
        private final Supplier<Map<List<String>, Double>> read;
        private final String type;

        Gauge(String name, String help, String[] labels, Supplier<Map<List<String>, Double>> read, String type) {
            super(name, help, labels);
            this.read = read;
            this.type = type;
        }

        @Override String type() { return type; }

        @Override
        void write(StringBuilder b) {
            Map<List<String>, Double> now;
            try {
                now = read.get();
            } catch (RuntimeException e) {
                return;   // what it reads is going away (a host stopping): no sample this time
            }
            now.forEach((k, v) -> b.append(name).append(labelText(key(k.toArray(String[]::new)), null, null)).append(' ').append(number(v)).append('\n'));
        }
    }

    /** How long things take, in seconds, by bucket. */
    public static final class Histogram extends Family {
        private final double[] bounds;
        private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

        private static final class Series {
            final java.util.concurrent.atomic.LongAdder[] buckets;
            final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();
            final java.util.concurrent.atomic.LongAdder count = new java.util.concurrent.atomic.LongAdder();

            Series(int n) {
                buckets = new java.util.concurrent.atomic.LongAdder[n];
                for (int i = 0; i < n; i++) buckets[i] = new java.util.concurrent.atomic.LongAdder();
            }
        }

        Histogram(String name, String help, double[] bounds, String[] labels) {
            super(name, help, labels);
            this.bounds = bounds.clone();
            java.util.Arrays.sort(this.bounds);
        }

        public void observeNanos(long nanos, String... labelValues) {
            observe(nanos / 1e9, labelValues);
        }

        public void observe(double seconds, String... labelValues) {
            Series s = series.computeIfAbsent(key(labelValues), k -> new Series(bounds.length));
            for (int i = 0; i < bounds.length; i++) {
                if (seconds <= bounds[i]) {
                    s.buckets[i].increment();
                    break;
                }
            }
            s.sum.add(seconds);
            s.count.increment();
        }

        public long count(String... labelValues) {
            Series s = series.get(key(labelValues));
            return s == null ? 0 : s.count.sum();
        }

        @Override String type() { return "histogram"; }

        @Override
        void write(StringBuilder b) {
            series.forEach((k, s) -> {
                long cumulative = 0;
                long count = s.count.sum();
                for (int i = 0; i < bounds.length; i++) {
                    cumulative += s.buckets[i].sum();
                    b.append(name).append("_bucket").append(labelText(k, "le", number(bounds[i]).contains(".") || bounds[i] != Math.rint(bounds[i]) ? Double.toString(bounds[i]) : number(bounds[i]))).append(' ').append(Math.min(cumulative, count)).append('\n');
                }
                b.append(name).append("_bucket").append(labelText(k, "le", "+Inf")).append(' ').append(count).append('\n');
                b.append(name).append("_sum").append(labelText(k, null, null)).append(' ').append(number(s.sum.sum())).append('\n');
                b.append(name).append("_count").append(labelText(k, null, null)).append(' ').append(count).append('\n');
            });
        }
    }

    /** Bucket bounds in seconds from a millisecond to ten seconds. */
    public static final double[] SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}
