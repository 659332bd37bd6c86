package org.stationd.console;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.stationd.config.ConsoleConfig;

/**
 * Who may do what. Bound beyond loopback, every request needs a token (the {@code Authorization:
 * Bearer} header, the {@code stationd_token} cookie the page sets, or {@code ?token=} on a page's
 * first load): without one 401; a read-only token may only look (403 for a change). Every change
 * (any method but GET and HEAD), on loopback too, must come from the console's own pages: its
 * {@code Origin} (or, lacking one, {@code Referer}) must be this server's, so another site open in
 * the operator's browser cannot make one; a client that is not a browser sends neither and is let
 * through only with the token in the header (a browser cannot be made to send that across sites).
 */
final class Access {
    static final String COOKIE = "stationd_token";

    enum Grant { FULL, READ_ONLY, NONE }

    private final ConsoleConfig config;

    Access(ConsoleConfig config) {
        this.config = config;
    }

    /** The request's grant; NONE only beyond loopback. */
    Grant grant(FullHttpRequest req) {
        if (config.loopback()) return Grant.FULL;
        String token = token(req);
        if (token == null) return Grant.NONE;
        if (matches(token, config.tokens())) return Grant.FULL;
        if (matches(token, config.readOnlyTokens())) return Grant.READ_ONLY;
        return Grant.NONE;
    }

    /** Why a change is refused (403), or null. */
    String refuseChange(FullHttpRequest req, Grant grant) {
        if (grant == Grant.READ_ONLY) return "this token may only look: changes need an operator's token";
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null) origin = req.headers().get(HttpHeaderNames.REFERER);
        String host = req.headers().get(HttpHeaderNames.HOST);
        if (origin == null) {
            return bearer(req) != null || config.loopback() && req.headers().get("Sec-Fetch-Site") == null ? null
                    : "a change must come from the console's own page";
        }
        try {
            URI o = new URI(origin);
            String authority = o.getRawAuthority();
            if (host != null && authority != null && authority.equalsIgnoreCase(host)) return null;
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        return "a change must come from the console's own page (origin " + origin + " is not this console)";
    }

    static boolean isChange(HttpMethod m) {
        return !m.equals(HttpMethod.GET) && !m.equals(HttpMethod.HEAD);
    }

    /** The token a page load gave in its query, to keep as a cookie; null when none or not a known one. */
    String tokenToKeep(FullHttpRequest req) {
        List<String> q = new QueryStringDecoder(req.uri()).parameters().get("token");
        if (q == null || q.isEmpty()) return null;
        String t = q.get(0);
        return matches(t, config.tokens()) || matches(t, config.readOnlyTokens()) ? t : null;
    }

    private static String token(FullHttpRequest req) {
        String b = bearer(req);
        if (b != null) return b;
        String cookies = req.headers().get(HttpHeaderNames.COOKIE);
        if (cookies != null) {
            for (Cookie c : ServerCookieDecoder.STRICT.decode(cookies)) {
                if (c.name().equals(COOKIE)) return c.value();
            }
        }
        List<String> q = new QueryStringDecoder(req.uri()).parameters().get("token");
        return q == null || q.isEmpty() ? null : q.get(0);
    }

    private static String bearer(FullHttpRequest req) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION);
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
    }

    /** Compared in constant time: how long a refusal takes says nothing about the token. */
    private static boolean matches(String token, List<String> known) {
        boolean ok = false;
        for (String k : known) {
            ok |= MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), k.getBytes(StandardCharsets.UTF_8));
        }
        return ok;
    }
}
