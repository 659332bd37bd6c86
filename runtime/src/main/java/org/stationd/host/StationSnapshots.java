package org.stationd.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stationd.station.StationContext;

/**
 * What {@code status} says about each station, read on the station's own thread. Every station is
 * asked at once and waited for together, up to one bound; a station busy past it is reported busy.
 * A station that has not answered the last question is not asked again, so repeated status requests
 * do not pile up on a busy station's queue.
 */
final class StationSnapshots {
    private final Map<String, CompletableFuture<Map<String, Object>>> asked = new ConcurrentHashMap<>();

    List<Map<String, Object>> read(Collection<StationContext> stations, Duration wait) throws InterruptedException {
        Map<StationContext, CompletableFuture<Map<String, Object>>> answers = new LinkedHashMap<>();
        for (StationContext s : stations) {
            answers.put(s, asked.compute(s.id(), (id, pending) -> pending != null && !pending.isDone() ? pending : ask(s)));
        }
        long end = System.nanoTime() + wait.toNanos();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<StationContext, CompletableFuture<Map<String, Object>>> a : answers.entrySet()) {
            try {
                list.add(a.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException | ExecutionException e) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("station", a.getKey().id());
                m.put("state", "busy (not answering within " + wait.toSeconds() + " s)");
                list.add(m);
            }
        }
        asked.keySet().retainAll(answers.keySet().stream().map(StationContext::id).toList());   // stations removed since
        return list;
    }

    /** A call as status shows it: its id, state and numbers; null for none. */
    private static Map<String, Object> describe(org.stationd.api.Call c) {
        if (c == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("call", c.getId());
        m.put("state", c.getState());
        m.put("from", c.getFrom());
        m.put("to", c.getTo());
        return m;
    }

    private static CompletableFuture<Map<String, Object>> ask(StationContext s) {
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        s.submit(() -> {
            try {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("station", s.id());
                m.put("program", s.programName());
                m.put("version", s.programVersion());
                m.put("state", s.state());
                m.put("calls", s.calls().stream().filter(c -> !c.isEnded()).count());
                m.put("lastError", s.lastError());
                m.put("refused", s.refusals().snapshot());
                m.put("transmitter", describe(s.station().getTransmitter()));
                m.put("conferences", s.conferences().stream().map(c -> Map.of("name", c.getName(),
                        "members", c.getMembers().stream().map(StationSnapshots::describe).toList())).toList());   // what its program was refused by a limit, by kind (docs/programs.md, Limits)
                answer.complete(m);
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }
}
