/**
 * The scripting API: what station programs are written against, in Groovy and JavaScript.
 *
 * <p>A program is a state machine. Each state has {@code enter}/{@code exit} actions, handlers for
 * events, and an optional timeout. Handlers never block: {@code call.play("news.wav")} returns at
 * once and {@code on.playbackDone} tells you when it finished.
 *
 * <p>Groovy:
 * <pre>{@code
 * program {
 *     apiVersion 1
 *     state('intro') {
 *         enter { transmitter = station.dialTransmitter() }
 *         on.answered { e -> e.call.play('jingle.wav') }
 *         on.playbackDone { e -> go 'live' }
 *     }
 *     state('live') {
 *         enter { station.conference('studio').play('news.wav') }
 *         on.dtmf { e -> if (e.digit == '9') go 'teardown' }
 *     }
 * }
 * }</pre>
 *
 * <p>JavaScript:
 * <pre>{@code
 * program({
 *   apiVersion: 1,
 *   states: {
 *     intro: {
 *       enter() { data.transmitter = station.dialTransmitter().id; },
 *       answered(e) { e.call.play('jingle.wav'); },
 *       playbackDone(e) { go('live'); }
 *     },
 *     live: {
 *       enter() { station.conference('studio').play('news.wav'); },
 *       dtmf(e) { if (e.digit === '9') go('teardown'); }
 *     }
 *   }
 * });
 * }</pre>
 *
 * <p>Nothing here depends on Netty, ESL, H2 or the script engines. Incompatible changes bump
 * {@link org.stationd.api.ApiVersion#CURRENT}; a program declares the version it was written for.
 */
package org.stationd.api;
