package io.berth.testkit;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Fails a test class when Netty reports a leaked buffer during it. Netty's leak detector (PARANOID in the test
 * JVMs, see {@code berth.test.argLine}) only logs what it finds, and only when a later allocation notices that
 * an unreleased buffer was garbage-collected; this extension listens to that log and, after the class's
 * {@code @AfterAll} methods (the broker is closed by then), forces a collection, allocates to make the detector
 * report, and fails the class with the reports.
 *
 * <p>Registered for every test class of {@code berth-it} by JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}); elsewhere use
 * {@code @ExtendWith(NettyLeakCheck.class)}. A leak reported between two classes is blamed on the next one.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NettyLeakCheck.class);
    private static final String MARK = "mark";
    private static final int GC_ROUNDS = 2;
    private static final long GC_WAIT_MS = 5_000;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(MARK, mark());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Long mark = context.getStore(NAMESPACE).get(MARK, Long.class);
        List<String> leaks = reportedSince(mark == null ? 0 : mark);
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty leak report(s) during "
                    + context.getDisplayName() + ":\n" + String.join("\n\n", leaks));
        }
    }

    /** The position in the leak log now; pass it to {@link #reportedSince} later. */
    public static long mark() {
        return LeakReportAppender.install().count();
    }

    /**
     * Makes Netty report the buffers that became garbage without being released, then returns every leak report
     * logged after {@code mark}. Blocks for a few garbage collections.
     */
    public static List<String> reportedSince(long mark) {
        LeakReportAppender appender = LeakReportAppender.install();
        for (int i = 0; i < GC_ROUNDS; i++) {
            awaitGarbageCollection();
            provokeReports();
        }
        return appender.since(mark);
    }

    /** Runs a full GC and waits until the reference handler has enqueued what it cleared. */
    private static void awaitGarbageCollection() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                System.gc();
                if (queue.remove(GC_WAIT_MS) != null) {
                    return;
                }
            }
            throw new IllegalStateException("no garbage collection happened: is -XX:+DisableExplicitGC set?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a garbage collection", e);
        } finally {
            sentinel.clear();
        }
    }

    /** At PARANOID every allocation drains the detector's queue of collected, unreleased buffers. */
    private static void provokeReports() {
        for (ByteBufAllocator alloc : new ByteBufAllocator[] {PooledByteBufAllocator.DEFAULT,
                UnpooledByteBufAllocator.DEFAULT, ByteBufAllocator.DEFAULT}) {
            for (int i = 0; i < 4; i++) {
                alloc.heapBuffer(16).release();
                alloc.directBuffer(16).release();
            }
        }
    }
}
