package org.stationd.esl.codec;

import io.netty.handler.codec.DecoderException;

/**
 * The peer sent bytes that are not a valid Event Socket stream. The connection that carried them
 * cannot be trusted any more and is closed; {@link #offset()} names where in the stream it went wrong.
 */
public final class EslProtocolException extends DecoderException {
    private final long offset;

    public EslProtocolException(String message, long offset) {
        super(message + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset, from the start of the connection's stream, of the frame or byte at fault; -1 if unknown. */
    public long offset() {
        return offset;
    }
}
