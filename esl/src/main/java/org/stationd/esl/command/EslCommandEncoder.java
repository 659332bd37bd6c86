package org.stationd.esl.command;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link EslCommand}s as their exact wire bytes. */
@ChannelHandler.Sharable
public final class EslCommandEncoder extends MessageToByteEncoder<EslCommand> {
    public static final EslCommandEncoder INSTANCE = new EslCommandEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, EslCommand msg, ByteBuf out) {
        out.writeBytes(msg.toBytes());
    }
}
