package org.stationd.esl.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frames an Event Socket byte stream into {@link EslFrame}s: a header block ended by a blank line,
 * then a body of exactly {@code Content-Length} bytes. It only frames; events inside a frame are
 * parsed by {@link org.stationd.esl.event.EslEvents}.
 *
 * <p>It works on a heap array: the bytes read from the socket are gathered into a heap buffer (one
 * bulk copy per read), so finding lines and copying a body are plain array loops and
 * {@code System.arraycopy}, fast from the first event on, instead of per-byte calls into a
 * direct buffer. Each frame's body is its own array, so whoever keeps a frame or an event keeps
 * nothing of the stream's buffers.
 *
 * <p>Limits are named options. A violation raises {@link EslProtocolException} once, after which
 * the rest of the stream is discarded: the handler is expected to close the connection.
 */
public final class EslFrameDecoder extends ByteToMessageDecoder {
    /** The outbound {@code connect} reply puts all channel variables in the header block: tens of kB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 256 * 1024;
    /** {@code api show modules} is 34 kB; a large XML event or log line stays far below this. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    private long consumed;          // stream bytes before the current reader index
    private int scanned;            // bytes of the pending header block already searched for its end
    private Map<String, String> pendingHeaders;
    private int pendingBodyLength;
    private long pendingOffset;
    private boolean failed;

    public EslFrameDecoder() {
        this(DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES);
    }

    public EslFrameDecoder(int maxHeaderBytes, int maxBodyBytes) {
        if (maxHeaderBytes < 64 || maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be >= 64 and maxBodyBytes >= 0");
        }
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
        setCumulator(HEAP_CUMULATOR);
    }

    /** Like Netty's merging cumulator, but the cumulation is always a heap buffer with an array. */
    private static final Cumulator HEAP_CUMULATOR = EslFrameDecoder::cumulate;

    private static ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation == in) {
            in.release();
            return cumulation;
        }
        if (!cumulation.isReadable() && in.hasArray() && !in.isReadOnly()) {
            cumulation.release();
            return in;
        }
        try {
            if (cumulation.hasArray() && !cumulation.isReadOnly() && cumulation.refCnt() == 1
                    && in.readableBytes() <= cumulation.maxWritableBytes()) {
                cumulation.writeBytes(in);
                return cumulation;
            }
            ByteBuf heap = alloc.heapBuffer(Math.max(cumulation.readableBytes() + in.readableBytes(), 1024));
            heap.writeBytes(cumulation);
            heap.writeBytes(in);
            cumulation.release();
            return heap;
        } finally {
            in.release();
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            EslFrame frame = decodeOne(in);
            if (frame != null) {
                out.add(frame);
            }
        } catch (EslProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** Decodes one frame from {@code in}, or returns null when more bytes are needed. Usable without Netty. */
    public EslFrame decodeOne(ByteBuf in) {
        if (!in.hasArray()) {   // only a caller outside Netty's pipeline (the pipeline's cumulation has an array)
            ByteBuf heap = Unpooled.wrappedBuffer(ByteBufUtil.getBytes(in));
            try {
                return decodeOne(heap);
            } finally {
                in.skipBytes(heap.readerIndex());
            }
        }
        if (pendingHeaders == null && !readHeaderBlock(in)) {
            return null;
        }
        if (in.readableBytes() < pendingBodyLength) {
            return null;
        }
        int from = in.arrayOffset() + in.readerIndex();
        byte[] body = Arrays.copyOfRange(in.array(), from, from + pendingBodyLength);
        in.skipBytes(pendingBodyLength);
        consumed += pendingBodyLength;
        EslFrame frame = EslFrame.owning(pendingHeaders, body, pendingOffset);
        pendingHeaders = null;
        return frame;
    }

    private boolean readHeaderBlock(ByteBuf in) {
        skipLeadingNewlines(in);
        byte[] a = in.array();
        int base = in.arrayOffset();
        int start = in.readerIndex();
        int end = in.writerIndex();
        int blockEnd = -1;   // index of the LF that ends the blank line
        for (int lf = start + Math.max(0, scanned - 1); lf < end; lf++) {
            if (a[base + lf] == '\n' && lf > start && precededByLineEnd(a, base, start, lf)) {
                blockEnd = lf;
                break;
            }
        }
        if (blockEnd < 0) {
            scanned = end - start;
            // a block still needs its final LF, so past limit + 1 it can only end up too long;
            // checking earlier would reject a block that fits when it arrives in pieces
            if (scanned > maxHeaderBytes + 1) {
                throw new EslProtocolException("header block longer than " + maxHeaderBytes + " bytes without a blank line", consumed);
            }
            return false;
        }
        int blockLength = blockEnd + 1 - start;
        if (blockLength > maxHeaderBytes + 2) {
            throw new EslProtocolException("header block of " + blockLength + " bytes exceeds the limit of " + maxHeaderBytes, consumed);
        }
        Map<String, String> headers = parseHeaders(in, start, blockEnd);
        String type = headers.get("Content-Type");
        if (type == null || type.isBlank()) {
            throw new EslProtocolException("frame has no Content-Type header", consumed);
        }
        int length = bodyLength(headers, type);
        pendingOffset = consumed;
        pendingHeaders = headers;
        pendingBodyLength = length;
        in.skipBytes(blockLength);
        consumed += blockLength;
        scanned = 0;
        return true;
    }

    /** True if the LF at {@code lf} ends an empty line ({@code \n\n} or {@code \n\r\n}). */
    private static boolean precededByLineEnd(byte[] a, int base, int start, int lf) {
        byte prev = a[base + lf - 1];
        if (prev == '\n') {
            return true;
        }
        return prev == '\r' && lf - 2 >= start && a[base + lf - 2] == '\n';
    }

    private void skipLeadingNewlines(ByteBuf in) {
        if (scanned > 0) {
            return;
        }
        byte[] a = in.array();
        int base = in.arrayOffset();
        int r = in.readerIndex();
        int end = in.writerIndex();
        while (r < end && (a[base + r] == '\n' || a[base + r] == '\r')) {
            r++;
        }
        consumed += r - in.readerIndex();
        in.readerIndex(r);
    }

    private Map<String, String> parseHeaders(ByteBuf in, int start, int blockEnd) {
        Map<String, String> headers = new LinkedHashMap<>(4);   // an event frame has two
        byte[] a = in.array();
        int base = in.arrayOffset();
        int lineStart = start;
        while (lineStart < blockEnd) {
            int lf = lineStart;
            while (a[base + lf] != '\n') {   // blockEnd is an LF
                lf++;
            }
            int lineEnd = lf;
            if (lineEnd > lineStart && a[base + lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd > lineStart) {
                parseHeaderLine(in, lineStart, lineEnd, headers);
            }
            lineStart = lf + 1;
        }
        return headers;
    }

    private void parseHeaderLine(ByteBuf in, int from, int to, Map<String, String> headers) {
        byte[] a = in.array();
        int base = in.arrayOffset();
        int colon = -1;
        for (int i = from; i < to; i++) {
            byte b = a[base + i];
            if (b == ':') {
                colon = i;
                break;
            }
            if (b <= ' ' || b == 0x7f) {
                throw new EslProtocolException("invalid byte 0x" + Integer.toHexString(b & 0xff) + " in a header name", consumed + (i - in.readerIndex()));
            }
        }
        if (colon <= from) {
            throw new EslProtocolException("header line without a name and colon", consumed + (from - in.readerIndex()));
        }
        String name = known(a, base + from, colon - from, NAMES);
        if (name == null) {
            name = new String(a, base + from, colon - from, StandardCharsets.US_ASCII);
        }
        int valueStart = colon + 1;
        if (valueStart < to && a[base + valueStart] == ' ') {
            valueStart++;
        }
        String value = name.equals("Content-Type") ? known(a, base + valueStart, to - valueStart, TYPES) : null;
        headers.put(name, value != null ? value : new String(a, base + valueStart, to - valueStart, StandardCharsets.UTF_8));
    }

    /** Every frame has these names, and most a Content-Type from this list: no new String for them. */
    private static final String[] NAMES = {"Content-Type", "Content-Length"};
    private static final String[] TYPES = {ContentType.EVENT_PLAIN, ContentType.EVENT_JSON, ContentType.EVENT_XML,
            ContentType.COMMAND_REPLY, ContentType.API_RESPONSE};

    /** The candidate whose ASCII text is the {@code length} bytes at {@code from}, or null. */
    private static String known(byte[] a, int from, int length, String[] candidates) {
        next:
        for (String c : candidates) {
            if (c.length() != length) {
                continue;
            }
            for (int i = 0; i < length; i++) {
                if (a[from + i] != c.charAt(i)) {
                    continue next;
                }
            }
            return c;
        }
        return null;
    }

    private int bodyLength(Map<String, String> headers, String type) {
        String value = headers.get("Content-Length");
        if (value == null) {
            if (ContentType.requiresBody(type)) {
                throw new EslProtocolException(type + " frame has no Content-Length", consumed);
            }
            return 0;
        }
        String digits = value.trim();
        if (digits.isEmpty() || digits.length() > 10 || !allDigits(digits)) {
            throw new EslProtocolException("Content-Length is not a non-negative integer: '" + abbreviate(value) + "'", consumed);
        }
        long length = Long.parseLong(digits);
        if (length > maxBodyBytes) {
            throw new EslProtocolException("Content-Length " + length + " exceeds the limit of " + maxBodyBytes + " bytes", consumed);
        }
        return (int) length;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** True when a frame has begun (headers read or bytes buffered) but is not complete. */
    public boolean midFrame(ByteBuf in) {
        return pendingHeaders != null || in.isReadable();
    }

    /** Stream offset of the frame being assembled, or of the next one when none is. */
    public long pendingFrameOffset() {
        return pendingHeaders != null ? pendingOffset : consumed;
    }

    /** Bytes of the stream consumed so far (complete frames and header blocks). */
    public long consumedBytes() {
        return consumed;
    }
}
