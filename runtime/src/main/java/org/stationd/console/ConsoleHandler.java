package org.stationd.console;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.control.CommandRefused;

/**
 * One HTTP request: access first ({@link Access}), then the feed, the metrics, the API (on its own
 * thread: a command may wait for a busy station, the event loop never does) or a page.
 */
@ChannelHandler.Sharable
final class ConsoleHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(ConsoleHandler.class);
    /** API requests in progress at once; more are answered 503 (a stuck station cannot pile them up). */
    static final int MAX_IN_PROGRESS = 32;

    private final Access access;
    private final Api api;
    private final EventFeed feed;
    private final java.util.function.Supplier<String> metrics;
    private final ExecutorService workers;
    private final Semaphore inProgress = new Semaphore(MAX_IN_PROGRESS);

    ConsoleHandler(Access access, Api api, EventFeed feed, java.util.function.Supplier<String> metrics, ExecutorService workers) {
        this.access = access;
        this.api = api;
        this.feed = feed;
        this.metrics = metrics;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            send(ctx, req, Reply.error(400, "not a well-formed HTTP request"));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        Access.Grant grant = access.grant(req);
        if (grant == Access.Grant.NONE) {
            send(ctx, req, Reply.error(401, "this console needs its access token: open it as /?token=… or send Authorization: Bearer …")
                    .with("WWW-Authenticate", "Bearer realm=\"stationd\""));
            return;
        }
        if (Access.isChange(req.method())) {
            String refused = access.refuseChange(req, grant);
            if (refused != null) {
                send(ctx, req, Reply.error(403, refused));
                return;
            }
        }
        if (path.equals("/api/events")) {
            feed.open(ctx.channel());
            return;
        }
        if (path.equals("/metrics")) {
            send(ctx, req, Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.get()));
            return;
        }
        if (path.startsWith("/api/")) {
            if (!inProgress.tryAcquire()) {
                send(ctx, req, Reply.error(503, "busy: " + MAX_IN_PROGRESS + " requests in progress; try again"));
                return;
            }
            req.retain();
            workers.execute(() -> {
                try {
                    send(ctx, req, answer(req, uri));
                } finally {
                    inProgress.release();
                    req.release();
                }
            });
            return;
        }
        Reply page = Pages.get(path);
        String keep = access.tokenToKeep(req);
        if (keep != null && page.status() == 200) {
            DefaultCookie c = new DefaultCookie(Access.COOKIE, keep);
            c.setHttpOnly(true);
            c.setPath("/");
            c.setSameSite(io.netty.handler.codec.http.cookie.CookieHeaderNames.SameSite.Strict);
            page = page.with("Set-Cookie", ServerCookieEncoder.STRICT.encode(c));
        }
        send(ctx, req, page);
    }

    private Reply answer(FullHttpRequest req, QueryStringDecoder uri) {
        try {
            Map<String, Object> body = Map.of();
            if (req.content().isReadable()) {
                Object parsed;
                try {
                    parsed = Reply.JSON.readValue(req.content().toString(StandardCharsets.UTF_8), Object.class);
                } catch (Exception e) {
                    throw new ApiError(400, "the body must be one JSON object");
                }
                if (!(parsed instanceof Map<?, ?> map)) throw new ApiError(400, "the body must be one JSON object");
                @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) map;
                body = m;
            }
            List<String> parts = Arrays.stream(uri.path().substring(1).split("/")).filter(p -> !p.isEmpty())
                    .map(p -> QueryStringDecoder.decodeComponent(p)).toList();
            return api.handle(new Request(req.method().name(), uri.path(), parts, uri.parameters(), body)).with("Cache-Control", "no-store");
        } catch (ApiError e) {
            return Reply.error(e.status, e.getMessage());
        } catch (CommandRefused e) {
            return Reply.error(400, e.getMessage());
        } catch (Exception e) {
            log.warn("console: {} {} failed", req.method(), uri.path(), e);
            return Reply.error(500, "'" + uri.path() + "' failed inside the host; its log says why");
        }
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest req, Reply r) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set("X-Frame-Options", "DENY");
        res.headers().set("Referrer-Policy", "same-origin");
        r.headers().forEach((k, v) -> res.headers().set(k, v));
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) res.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();   // a peer that went away mid-request; nothing to tell it
    }
}
