package org.stationd.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stationd.api.ProgramError;
import org.stationd.testing.ProgramTest;
import org.stationd.testing.Show;

/**
 * A program that tries, one tick at a time, what issue #17 and #12 describe: switch commands with
 * injected channel variables, a null subscription, a stored value, a message and a spoken text far
 * over their limits, a log flood and a hoard in {@code data}. Each is refused with a clear
 * {@link ProgramError} (or dropped, for log lines), counted for {@code status}, nothing of it
 * reaches the switch, and the program carries on: a proper call, say and publish still work.
 * The same program in Groovy and JavaScript.
 */
@ProgramTest
class ProgramLimitsTest {
    @TempDir Path tmp;

    static final String GROOVY = """
            program {
                apiVersion 1
                state('air') {
                    enter { station.subscribe('news/'); station.every(1, 'tick') }
                    on.timer { e ->
                        data.n = (data.n ?: 0) + 1
                        String owned = station.settings.owned
                        switch (data.n) {
                            case 1: station.originate('user/3002', [callerId: '1,api_on_answer=system touch ' + owned]); break
                            case 2: station.originate('user/3002', [variables: [api_on_answer: 'system touch ' + owned]]); break
                            case 3: station.originate('user/3002 &system(touch ' + owned + ')'); break
                            case 4: station.subscribe(null); break
                            case 5: station.store.put('big', ['x' * 8000] * 700); break
                            case 6: station.publish('news/big', ['x' * 8000] * 1300); break
                            case 8: station.originate('user/3002', [callerId: '+256700000001', variables: [absolute_codec_string: 'PCMU,PCMA']]); break
                            case 9: station.originate('user/3002', [callerId: '+256-700.000*001#']); break
                            case 10: station.calls[0].say('x' * 5000); break
                            case 11: station.calls[0].play('${system(touch ' + owned + ')}'); break
                            case 12: station.calls[0].setVariable('api_on_answer', 'system touch ' + owned); break
                            case 13: station.publish('news/ok', [n: 1]); station.store.put('small', [1, 2, 3]); break
                            case 14: 2000.times { i -> log.info('line ' + i) }; break
                            case 15: go 'hoard'; break
                        }
                    }
                    on.answered { e -> e.call.say('hello\\nworld') }
                    on.message { e -> log.info("heard ${e.topic}") }
                }
                state('hoard') {
                    on.timer { e ->
                        data.hoard = data.hoard ?: []
                        20.times { data.hoard << 'y' * 8000 }
                    }
                }
                state('done') { }
                onError { err -> if (err.message.contains(' in data ')) go 'done' }
            }
            """;

    static final String JS = """
            program({
              apiVersion: 1,
              states: {
                air: {
                  enter() { station.subscribe('news/'); station.every(1, 'tick'); },
                  timer(e) {
                    data.n = (data.n || 0) + 1;
                    const owned = station.settings.owned;
                    const many = (s, k) => Array(k).fill(s);
                    switch (data.n) {
                      case 1: station.originate('user/3002', { callerId: '1,api_on_answer=system touch ' + owned }); break;
                      case 2: station.originate('user/3002', { variables: { api_on_answer: 'system touch ' + owned } }); break;
                      case 3: station.originate('user/3002 &system(touch ' + owned + ')'); break;
                      case 4: station.subscribe(null); break;
                      case 5: station.store.put('big', many('x'.repeat(8000), 700)); break;
                      case 6: station.publish('news/big', many('x'.repeat(8000), 1300)); break;
                      case 8: station.originate('user/3002', { callerId: '+256700000001', variables: { absolute_codec_string: 'PCMU,PCMA' } }); break;
                      case 9: station.originate('user/3002', { callerId: '+256-700.000*001#' }); break;
                      case 10: station.calls[0].say('x'.repeat(5000)); break;
                      case 11: station.calls[0].play('${system(touch ' + owned + ')}'); break;
                      case 12: station.calls[0].setVariable('api_on_answer', 'system touch ' + owned); break;
                      case 13: station.publish('news/ok', { n: 1 }); station.store.put('small', [1, 2, 3]); break;
                      case 14: for (let i = 0; i < 2000; i++) log.info('line ' + i); break;
                      case 15: go('hoard'); break;
                    }
                  },
                  answered(e) { e.call.say('hello\\nworld'); },
                  message(e) { log.info('heard ' + e.topic); }
                },
                hoard: {
                  timer(e) {
                    if (!data.hoard) data.hoard = [];
                    for (let i = 0; i < 20; i++) data.hoard.push('y'.repeat(8000));
                  }
                },
                done: {}
              },
              onError(err) { if (err.message.includes(' in data ')) go('done'); }
            });
            """;

    @Test
    void groovyIsRefusedEachTimeAndCarriesOn(Show.Builder bench) throws Exception {
        refusedAndCountedAndStillOnAir(bench, "limits.groovy", GROOVY);
    }

    @Test
    void javaScriptIsRefusedEachTimeAndCarriesOn(Show.Builder bench) throws Exception {
        refusedAndCountedAndStillOnAir(bench, "limits.js", JS);
    }

    private void refusedAndCountedAndStillOnAir(Show.Builder bench, String file, String text) throws Exception {
        Path owned = tmp.resolve("owned");
        Show show = bench.program(file, text)
                .station("kla", s -> s.program(file).transmitter("user/3001").settings("{ owned: '" + owned + "' }"))
                .virtualTime(Instant.parse("2026-11-22T05:00:00Z"))
                .start();
        show.awaitState("kla", "done");
        show.await("the log notice", () -> show.logged("kla", "log line(s) of station kla dropped"));

        List<String> errors = show.errors().stream().map(ProgramError::message).toList();
        List<String> expected = List.of(
                "originate: callerId '1,api_on_answer=system touch " + owned + "' must be one word",
                "originate: variable 'api_on_answer': programs cannot set variables that make FreeSWITCH run",
                "originate: the number 'user/3002 &system(touch " + owned + ")' is not a number or dial string",
                "subscribe",
                "store.put('big'): station kla cannot store a value over 64 KiB",
                "publish on 'news/big': station kla cannot send a message over 64 KiB",
                "originate: variable absolute_codec_string 'PCMU,PCMA' must not contain",
                "say option 'text' is 5000 bytes; the limit is 4 KiB",
                "play option 'file' must not contain '${'",
                "setVariable: name 'api_on_answer': programs cannot set variables",
                "station kla keeps more than 1 MiB in data (the limit per station): data was emptied");
        assertEquals(expected.size(), errors.size(), String.join("\n", errors));
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(errors.get(i).contains(expected.get(i)), "error " + i + ": " + errors.get(i) + "\nexpected: " + expected.get(i));
        }

        // nothing of the attacks reached the switch; the proper call did, with its caller id as it was given
        List<String> commands = show.commands("kla");
        assertTrue(commands.stream().noneMatch(c -> c.contains("api_on_answer") || c.contains("system") || c.contains("xxxxx")), commands.toString());
        List<String> originates = commands.stream().filter(c -> c.contains("originate")).toList();
        assertEquals(1, originates.size(), originates.toString());
        assertTrue(originates.get(0).contains(",origination_caller_id_number=+256-700.000*001#,") || originates.get(0).endsWith("origination_caller_id_number=+256-700.000*001#}user/3002 &park()"),
                originates.get(0));
        assertTrue(commands.stream().anyMatch(c -> c.contains("execute-app-arg=flite|kal|hello world")), commands.toString());
        assertTrue(show.logged("kla", "heard news/ok"), "a publish after subscribe(null) still reaches subscribers");
        assertEquals(List.of(1, 2, 3), show.stored("kla", "small"));
        assertEquals(null, show.stored("kla", "big"));
        assertFalse(Files.exists(owned));

        // the log flood: 600 lines in its minute (the tick before's "heard news/ok" opened it), the rest counted and told once
        assertEquals(Limits.LOG_LINES_PER_MINUTE - 1, show.lines().stream().filter(l -> l.startsWith("kla log line ")).count());
        assertTrue(show.logged("kla", "1401 log line(s) of station kla dropped in the last minute (the limit is 600 a minute)"), show.lines().toString());

        Map<String, Long> refused = show.station("kla").refusals().snapshot();
        assertEquals(1401L, refused.get("log"), refused.toString());
        assertEquals(1L, refused.get("store"), refused.toString());
        assertEquals(1L, refused.get("publish"), refused.toString());
        assertEquals(1L, refused.get("data"), refused.toString());
        assertEquals(7L, refused.get("switch"), refused.toString());
        assertEquals("done", show.station("kla").state());
        Map<?, ?> status = (Map<?, ?>) ((List<?>) show.host().status().get("stations")).get(0);
        assertEquals(refused, status.get("refused"));
    }
}
