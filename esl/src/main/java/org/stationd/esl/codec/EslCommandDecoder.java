package org.stationd.esl.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The switch side of the Event Socket: frames what a client sends into {@link CommandFrame}s.
 * A command is a command line, optional {@code Name: value} lines, and a blank line; a
 * {@code Content-Length} header announces a body of that many bytes (sendevent, sendmsg with
 * content). Blank lines before a command are skipped, as mod_event_socket does. Limits are named
 * options; a violation raises {@link EslProtocolException} once and the rest of the stream is
 * dropped, so the connection handler can close the socket.
 */
public final class EslCommandDecoder extends ByteToMessageDecoder {
    /** A command with its headers; mod_event_socket reads at most 10 MB of header block. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private long consumed;
    private int scanned;
    private String pendingLine;
    private List<Map.Entry<String, String>> pendingHeaders;
    private int pendingBody = -1;
    private boolean failed;

    public EslCommandDecoder() {
        this(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public EslCommandDecoder(int maxHeaderBytes, int maxBodyBytes) {
        if (maxHeaderBytes < 16 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 16 and maxBodyBytes >= 0");
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            CommandFrame f;
            while ((f = decodeOne(in)) != null) {
                out.add(f);
            }
        } catch (EslProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** One command from {@code in}, or null if more bytes are needed. Usable without a pipeline. */
    public CommandFrame decodeOne(ByteBuf in) {
        if (pendingLine == null && !readHeaderBlock(in)) {
            return null;
        }
        String body = null;
        if (pendingBody >= 0) {
            if (in.readableBytes() < pendingBody) {
                return null;
            }
            body = in.toString(in.readerIndex(), pendingBody, StandardCharsets.UTF_8);
            in.skipBytes(pendingBody);
            consumed += pendingBody;
        }
        CommandFrame f = new CommandFrame(pendingLine, pendingHeaders, body);
        pendingLine = null;
        pendingHeaders = null;
        pendingBody = -1;
        return f;
    }

    private boolean readHeaderBlock(ByteBuf in) {
        if (scanned == 0) {
            while (in.isReadable()) {
                byte b = in.getByte(in.readerIndex());
                if (b != '\n' && b != '\r') {
                    break;
                }
                in.skipBytes(1);
                consumed++;
            }
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        int from = start + Math.max(0, scanned - 2);
        int blockEnd = -1;
        while (from < end) {
            int lf = in.indexOf(from, end, (byte) '\n');
            if (lf < 0) {
                break;
            }
            if (endsBlankLine(in, start, lf)) {
                blockEnd = lf;
                break;
            }
            from = lf + 1;
        }
        if (blockEnd < 0) {
            scanned = end - start;
            if (scanned > maxHeaderBytes) {
                throw new EslProtocolException("command longer than " + maxHeaderBytes + " bytes without a blank line", consumed);
            }
            return false;
        }
        int length = blockEnd + 1 - start;
        if (length > maxHeaderBytes + 2) {
            throw new EslProtocolException("command of " + length + " bytes exceeds the limit of " + maxHeaderBytes, consumed);
        }
        parse(in, start, blockEnd);
        in.skipBytes(length);
        consumed += length;
        scanned = 0;
        return true;
    }

    private static boolean endsBlankLine(ByteBuf in, int start, int lf) {
        if (lf <= start) {
            return false;
        }
        byte prev = in.getByte(lf - 1);
        if (prev == '\n') {
            return true;
        }
        return prev == '\r' && lf - 2 >= start && in.getByte(lf - 2) == '\n';
    }

    private void parse(ByteBuf in, int start, int blockEnd) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String line = null;
        int lineStart = start;
        int contentLength = -1;
        while (lineStart <= blockEnd) {
            int lf = in.indexOf(lineStart, blockEnd + 1, (byte) '\n');
            if (lf < 0) {
                lf = blockEnd + 1;
            }
            int lineEnd = lf;
            if (lineEnd > lineStart && in.getByte(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            if (lineEnd > lineStart) {
                String text = in.toString(lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
                if (line == null) {
                    if (text.indexOf('\0') >= 0) {
                        throw new EslProtocolException("NUL byte in a command line", consumed);
                    }
                    line = text;
                } else {
                    int colon = text.indexOf(':');
                    if (colon <= 0) {
                        throw new EslProtocolException("header line without 'Name: value': '" + abbreviate(text) + "'", consumed + (lineStart - start));
                    }
                    String name = text.substring(0, colon).trim();
                    int v = colon + 1;
                    while (v < text.length() && text.charAt(v) == ' ') {
                        v++;
                    }
                    String value = text.substring(v);
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
                    if (name.equalsIgnoreCase("Content-Length")) {
                        contentLength = parseLength(value);
                    }
                }
            }
            lineStart = lf + 1;
        }
        if (line == null) {
            throw new EslProtocolException("empty command", consumed);
        }
        pendingLine = line;
        pendingHeaders = headers;
        pendingBody = contentLength > 0 ? contentLength : -1;
    }

    private int parseLength(String value) {
        String digits = value.trim();
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new EslProtocolException("Content-Length is not a non-negative integer: '" + abbreviate(value) + "'", consumed);
        }
        long n = Long.parseLong(digits);
        if (n > maxBodyBytes) {
            throw new EslProtocolException("Content-Length " + n + " exceeds the limit of " + maxBodyBytes + " bytes", consumed);
        }
        return (int) n;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    public long consumedBytes() {
        return consumed;
    }
}
