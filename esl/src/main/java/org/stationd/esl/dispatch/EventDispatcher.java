package org.stationd.esl.dispatch;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stationd.esl.event.EslEvent;

/**
 * Hands events from the Netty event loop to listeners on lanes of their own. Events of one
 * channel ({@code Unique-ID}) always go to the same lane, so they are seen in order; events with
 * no channel go to lane 0. Each lane has a bounded queue: when a listener is so slow that its
 * lane fills up, new events for that lane are dropped, counted and reported as a {@link Gap}
 * instead of stalling the socket.
 */
public final class EventDispatcher implements AutoCloseable {
    public static final int DEFAULT_LANES = 4;
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final Lane[] lanes;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dispatched = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong listenerErrors = new AtomicLong();
    private volatile boolean closed;

    public EventDispatcher(String name) {
        this(name, DEFAULT_LANES, DEFAULT_QUEUE_CAPACITY);
    }

    public EventDispatcher(String name, int laneCount, int queueCapacity) {
        this(name, laneCount, queueCapacity, false);
    }

    /** With {@code virtualThreads}, lanes cost no platform thread: for one dispatcher per outbound call. */
    public EventDispatcher(String name, int laneCount, int queueCapacity, boolean virtualThreads) {
        if (laneCount < 1 || queueCapacity < 2) {
            throw new IllegalArgumentException("need at least 1 lane and a queue capacity of 2");
        }
        lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane(name + "-dispatch-" + i, queueCapacity, virtualThreads);
        }
    }

    public void addListener(EventListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** Queues an event; never blocks. Called on the event loop. */
    public void dispatch(EslEvent event) {
        received.incrementAndGet();
        if (closed) {
            dropped.incrementAndGet();
            return;
        }
        laneFor(event.uniqueId()).offer(event);
    }

    /** Tells every listener, on every lane, in order with the events already queued, that a gap happened. */
    public void gap(Gap gap) {
        for (Lane lane : lanes) {
            lane.offerGap(gap);
        }
    }

    private Lane laneFor(String uuid) {
        if (uuid == null || lanes.length == 1) {
            return lanes[0];
        }
        return lanes[Math.floorMod(uuid.hashCode(), lanes.length)];
    }

    public DispatchStats stats() {
        int depth = 0;
        for (Lane lane : lanes) {
            depth += lane.queue.size();
        }
        return new DispatchStats(received.get(), dispatched.get(), dropped.get(), depth, listenerErrors.get());
    }

    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            lane.thread.interrupt();
        }
    }

    private final class Lane implements Runnable {
        private final BlockingQueue<Object> queue;
        private final Thread thread;
        private final AtomicBoolean overflowing = new AtomicBoolean();

        Lane(String name, int capacity, boolean virtual) {
            queue = new ArrayBlockingQueue<>(capacity);
            thread = virtual ? Thread.ofVirtual().name(name).start(this) : Thread.ofPlatform().name(name).daemon(true).start(this);
        }

        void offer(EslEvent event) {
            if (queue.offer(event)) {
                return;
            }
            long n = dropped.incrementAndGet();
            if (overflowing.compareAndSet(false, true)) {
                log.warn("{}: listener too slow, dropping events (dropped so far: {})", thread.getName(), n);
            }
        }

        void offerGap(Gap gap) {
            // a gap must not be lost: make room by dropping the oldest event if needed
            while (!queue.offer(gap)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Object item;
                try {
                    item = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (item == null) {
                    continue;
                }
                if (overflowing.get() && queue.size() < queue.remainingCapacity()) {
                    overflowing.set(false);
                    deliver(new Gap(Gap.Reason.OVERFLOW, thread.getName() + " dropped events; total dropped " + dropped.get()));
                }
                deliver(item);
            }
        }

        private void deliver(Object item) {
            for (EventListener l : listeners) {
                try {
                    if (item instanceof EslEvent e) {
                        l.onEvent(e);
                    } else {
                        l.onGap((Gap) item);
                    }
                } catch (RuntimeException ex) {
                    listenerErrors.incrementAndGet();
                    log.error("event listener {} failed on {}", l, item, ex);
                }
            }
            if (item instanceof EslEvent) {
                dispatched.incrementAndGet();
            }
        }
    }
}
