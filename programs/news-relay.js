// Live news relay: every station running this program puts its transmitter into one shared
// conference. Exactly one station -- the one holding the 'news-master' token -- plays the report
// into it. If the master's transmitter drops, it gives the token up and another station takes it
// within seconds and resumes the report where it stopped. When the report ends, all hang up.
// The stations that relay together are one group (group: in stations.yaml): the token and the
// news/ topics are the group's, out of reach of other stations' programs.
//
// Its settings are declared below (./stationd check checks them).

const TOKEN = 'news-master';
const RENEW = 3;       // seconds between renewals; the token lasts 10
const ROOM = 'shared:news';
// in the station's store, for this station on another host: when the report it relays started, and
// when it last said so as master
const STARTED = 'news-started', SAID = 'news-said';

program({
  apiVersion: 1,
  name: 'news-relay',
  settings: {
    report: { type: 'media', default: 'news.wav' },   // the report to relay
  },
  states: {
    dialling: {
      enter() {
        station.subscribe('news/');
        station.dialTransmitter();
      },
      answered(e) { e.call.join(station.conference(ROOM)); },
      conferenceJoined(e) { go('relaying'); },
      failed(e) {
        log.warn(`transmitter unreachable (${e.cause}); trying again in 10 s`);
        station.after(10, 'redial');
      },
      timer(e) { if (e.timer === 'redial') station.dialTransmitter(); },
      message(e) { if (e.topic === 'news/done') go('done'); }
    },

    relaying: {
      enter() {
        data.relayingSince = Date.now();
        station.every(RENEW, 'token');
        takeTokenIfFree();
      },
      timer(e) { if (e.timer === 'token') takeTokenIfFree(); },
      message(e) {
        if (e.topic === 'news/progress') heard(e.data.position);
        if (e.topic === 'news/handover') { heard(e.data.position); takeTokenIfFree(); }
        if (e.topic === 'news/done') go('done');
      },
      conferencePlaybackDone(e) {
        if (!data.master || data.handingOver) return;
        if (e.status === 'stopped') return;   // a report this station stopped to play it on from elsewhere
        if (e.status === 'failed') {
          // not played is not the end of the report: say so and keep the transmitters on air
          log.error(`the report cannot be played (${e.cause})`);
          return;
        }
        station.publish('news/done', { by: station.id });
        go('done');
      },
      hangup(e) {
        // our transmitter dropped: give the report to a station that is still on air. The report
        // keeps playing in the room until the new master stops it and plays on from where it was.
        if (data.master) {
          data.handingOver = true;
          const at = position();
          station.releaseLease(TOKEN);
          data.master = false;
          data.standBackUntil = Date.now() + 15000;   // let a station that is on air take it
          station.publish('news/handover', { position: at, from: station.id });
        }
        station.cancel('token');
        go('dialling');
      }
    },

    done: {
      enter() {
        station.cancel('token');
        station.store.remove(STARTED);
        station.store.remove(SAID);
        // the report has ended: the token is kept until it expires, so a station that has not yet
        // heard news/done cannot take it and play the report again
        data.master = false;
        station.hangupTransmitter();   // also a redial still ringing after a drop
      }
    }
  },

  onError(err) { log.error(`news-relay: ${err.message} (${err.location})`); }
});

/** Where the master said the report was, and when. */
function heard(position) {
  data.position = position;
  data.heardAt = Date.now();
}

/** Claims or renews the token; a new master starts the report where the last one stopped. */
function takeTokenIfFree() {
  if (!data.master && data.standBackUntil && Date.now() < data.standBackUntil) return;
  // a station that has heard nothing yet (it just came on air, here or on another host) listens for
  // one renewal first: a master playing the report says where it is, and so do stations that heard it
  const knows = data.heardAt != null || storedPosition() > 0;
  if (!data.master && !knows && Date.now() - data.relayingSince < RENEW * 1000 - 100) return;
  const mine = station.lease(TOKEN, 10);
  if (mine && !data.master) {
    data.master = true;
    data.handingOver = false;
    const from = data.heardAt != null ? data.position + (Date.now() - data.heardAt) / 1000 : storedPosition();
    data.startedAt = Date.now() - from * 1000;
    log.info(`master now; playing the report from ${from.toFixed(1)} s`);
    // the last master's report may still be playing in the room (its transmitter dropped, its host
    // died or gave this station away): stop it, and play on from where it was
    station.conference(ROOM).stop();
    station.conference(ROOM).play(station.settings.report || 'news.wav', from);
  }
  if (data.master) {
    station.publish('news/progress', { position: position() });
    station.store.put(STARTED, data.startedAt);
    station.store.put(SAID, Date.now());
  }
}

/** Where the report is now if this station was its master a moment ago (on any host); else 0. */
function storedPosition() {
  const started = station.store.get(STARTED), said = station.store.get(SAID);
  if (started == null || said == null || Date.now() - said > 60000) return 0;
  return (Date.now() - started) / 1000;
}

/** Seconds of the report already aired. */
function position() {
  return data.startedAt ? (Date.now() - data.startedAt) / 1000 : (data.position || 0);
}
