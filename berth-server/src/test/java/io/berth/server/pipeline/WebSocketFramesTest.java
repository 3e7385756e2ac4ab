package io.berth.server.pipeline;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebSocketFramesTest {

    @Test
    void writesUntilAFlush_becomeOneBinaryFrame_sharingTheBuffers() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrames("ws:test"));
        ByteBuf header = Unpooled.copiedBuffer("head", StandardCharsets.US_ASCII);
        ByteBuf payload = Unpooled.copiedBuffer("payload", StandardCharsets.US_ASCII);
        ChannelFuture first = ch.write(header);
        ChannelFuture second = ch.write(payload.retain());
        assertThat((Object) ch.readOutbound()).isNull();

        ch.flush();

        BinaryWebSocketFrame frame = ch.readOutbound();
        assertThat(frame.content().toString(StandardCharsets.US_ASCII)).isEqualTo("headpayload");
        assertThat(payload.refCnt()).as("the payload is a component, not a copy").isEqualTo(2);
        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isSuccess()).isTrue();
        frame.release();
        payload.release();
        assertThat(payload.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void binaryFramePayload_goesOnAsBytes() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrames("ws:test"));
        ch.writeInbound(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[]{0x10, 0})));
        ByteBuf in = ch.readInbound();
        assertThat(in.readableBytes()).isEqualTo(2);
        in.release();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void pendingWrites_areReleased_whenTheChannelCloses() {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocketFrames("ws:test"));
        ByteBuf buf = Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII);
        ChannelFuture write = ch.write(buf);
        ch.pipeline().fireChannelInactive();
        assertThat(buf.refCnt()).isZero();
        assertThat(write.isSuccess()).isFalse();
    }
}
