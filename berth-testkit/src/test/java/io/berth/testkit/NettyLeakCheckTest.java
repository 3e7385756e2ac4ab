package io.berth.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The leak check must be able to fail: these tests leak on purpose (the ERROR "LEAK:" logs are expected). */
class NettyLeakCheckTest {

    @Test
    void reportedSince_findsABufferThatWasNeverReleased() {
        long mark = NettyLeakCheck.mark();
        leakOnePooledBuffer();

        assertThat(NettyLeakCheck.reportedSince(mark))
                .singleElement().asString()
                .startsWith("LEAK:")
                .contains("leakOnePooledBuffer");
    }

    @Test
    void reportedSince_isEmptyWhenEveryBufferIsReleased() {
        long mark = NettyLeakCheck.mark();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buf.writeLong(42);
        buf.release();

        assertThat(NettyLeakCheck.reportedSince(mark)).isEmpty();
    }

    @Test
    void extension_failsTheTestClassThatLeaked() {
        Events containers = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(LeakingClass.class))
                .execute()
                .containerEvents();

        assertThat(containers.failed().stream())
                .singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor().getDisplayName()).endsWith("LeakingClass"))
                .satisfies(e -> assertThat(e.getPayload(TestExecutionResult.class)
                        .flatMap(TestExecutionResult::getThrowable))
                        .get().asString()
                        .contains("Netty leak report")
                        .contains("leakFromATestClass"));
    }

    @Test
    void extension_passesATestClassThatReleasedEverything() {
        Events containers = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(CleanClass.class))
                .execute()
                .containerEvents();

        assertThat(containers.failed().count()).isZero();
        assertThat(containers.succeeded().count()).isEqualTo(2); // the engine and the class
    }

    private static void leakOnePooledBuffer() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(32);
        buf.writeInt(1); // and never released
    }

    /** Run only through EngineTestKit above (not a *Test name, and nested: Surefire leaves it alone). */
    @ExtendWith(NettyLeakCheck.class)
    static class LeakingClass {
        @Test
        void leaks() {
            leakFromATestClass();
        }

        private static void leakFromATestClass() {
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(32);
            buf.writeInt(2); // and never released
        }
    }

    @ExtendWith(NettyLeakCheck.class)
    static class CleanClass {
        @Test
        void releases() {
            PooledByteBufAllocator.DEFAULT.directBuffer(32).release();
        }
    }
}
