package org.stationd.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The console's pages and scripts, served from the jar's resources (plain HTML and JavaScript, no build step). */
final class Pages {
    private static final String ROOT = "/org/stationd/console/web/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private Pages() {}

    /** {@code /} and {@code /NAME.html} pages, {@code /static/NAME.js|css}; 404 otherwise. */
    static Reply get(String path) {
        String name = path.equals("/") ? "index.html" : path.startsWith("/static/") ? path.substring("/static/".length()) : path.substring(1);
        if (!name.matches("[a-z0-9-]{1,40}\\.(html|js|css|svg)")) return Reply.error(404, "no page " + path);
        try (InputStream in = Pages.class.getResourceAsStream(ROOT + name)) {
            if (in == null) return Reply.error(404, "no page " + path);
            String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
            return new Reply(200, type, in.readAllBytes(), Map.of("Cache-Control", "no-cache",
                    "Content-Security-Policy", "default-src 'self'; media-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'"));
        } catch (IOException e) {
            return Reply.error(500, "cannot read page " + name);
        }
    }
}
