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

    /** Whether anyone listens on the lanes: a client whose events all go to its intake skips them. */
    public boolean hasListeners() {
        return !listeners.isEmpty();
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
            lane.forceOffer(gap);
        }
    }

    /**
     * Runs a task on lane 0, after the events already queued there (with one lane: after every
     * event so far), e.g. to tell a handler the connection ended once it has seen all events.
     * Like a gap it is never dropped; after {@link #close} it runs at once on the caller's thread.
     */
    public void execute(Runnable task) {
        if (closed) {
            task.run();
            return;
        }
        lanes[0].forceOffer(task);
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

    /**
     * Stops taking events. What is already queued is still delivered (an outbound call's last
     * events arrive just before its socket closes), then the lane threads end.
     */
    @Override
    public void close() {
        closed = true;
        for (Lane lane : lanes) {
            lane.queue.offer(STOP);   // wakes an idle lane; a full one finds `closed` once drained
        }
    }

    private static final Object STOP = new Object();

    private final class Lane implements Runnable {
        private final BlockingQueue<Object> queue;
        private final Thread thread;
        private final AtomicBoolean overflowing = new AtomicBoolean();
        private final AtomicLong lost = new AtomicLong();   // dropped since the last OVERFLOW gap

        Lane(String name, int capacity, boolean virtual) {
            queue = new ArrayBlockingQueue<>(capacity);
            thread = virtual ? Thread.ofVirtual().name(name).start(this) : Thread.ofPlatform().name(name).daemon(true).start(this);
        }

        /** Called on the event loop. */
        void offer(EslEvent event) {
            if (overflowing.get()) {
                // Events were lost: the gap must come before any newer event, so it is queued first,
                // once there is room for both; until then newer events are lost too.
                if (queue.remainingCapacity() < 2) {
                    drop();
                    return;
                }
                if (overflowing.compareAndSet(true, false)) {
                    forceOffer(overflowGap());
                }   // else the lane ran empty and reported the gap itself
            }
            if (!queue.offer(event)) {
                drop();
                if (overflowing.compareAndSet(false, true)) {
                    log.warn("{}: listener too slow, dropping events (dropped so far: {})", thread.getName(), dropped.get());
                }
            }
        }

        private void drop() {
            dropped.incrementAndGet();
            lost.incrementAndGet();
        }

        private Gap overflowGap() {
            return new Gap(Gap.Reason.OVERFLOW, thread.getName() + " dropped " + lost.getAndSet(0)
                    + " events, its listener being too slow; total dropped " + dropped.get());
        }

        /** Gaps and tasks must not be lost: make room by dropping the oldest event if needed. */
        void forceOffer(Object item) {
            while (!queue.offer(item)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
        }

        @Override
        public void run() {
            while (true) {
                Object item;
                try {
                    item = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (item == STOP) {
                    return;
                }
                if (item == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                deliver(item);
                // Drained after a loss and no newer event queued the gap: report it now, not at some later event.
                if (overflowing.get() && queue.isEmpty() && overflowing.compareAndSet(true, false)) {
                    deliver(overflowGap());
                }
            }
        }

        private void deliver(Object item) {
            if (item instanceof Runnable task) {
                try {
                    task.run();
                } catch (RuntimeException ex) {
                    listenerErrors.incrementAndGet();
                    log.error("{}: task failed", thread.getName(), ex);
                }
                return;
            }
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
