// The example show. example.groovy is the same program in Groovy; a test proves they behave alike.
program({
  apiVersion: 1,
  name: 'example',

  states: {
    intro: {
      enter() {
        data.starts = (data.starts || 0) + 1;
        log.info(`starting ${station.settings.series}, start #${data.starts}`);
        station.dialTransmitter();
      },
      answered(e) { e.call.play(station.settings.jingle); },
      failed(e) {
        log.warn(`transmitter failed: ${e.cause}`);
        station.after(30, 'redial');
      },
      timer(e) { if (e.timer === 'redial') station.dialTransmitter(); },
      playbackDone(e) { go('live'); },
      timeout: {
        seconds: 60,
        then() {
          log.warn('transmitter never answered');
          go('goodbye');
        }
      }
    },

    live: {
      enter() {
        station.conference('studio').play('news.wav');
        station.subscribe('news/');
      },
      dtmf(e) {
        data.presses = (data.presses || 0) + 1;
        switch (e.digit) {
          case '1': e.call.play('thanks.wav'); break;
          case '2': e.call.collect({ min: 1, max: 2, timeout: 10, prompt: 'days.wav' }); break;
          case '9': go('goodbye'); break;
          default: log.info(`digit ${e.digit} ignored`);
        }
      },
      digits(e) {
        data.lastEntry = e.digits;
        station.publish('votes', { digits: e.digits, from: e.call.from });
      },
      incomingCall(e) {
        const callers = data.callers || [];
        callers.push(e.call.from);
        data.callers = callers;
        e.call.answer();
        e.call.say(`Welcome to ${station.name}, caller ${callers.length}`);
        e.call.join(station.conference('studio'));
      },
      esl: {
        CHANNEL_PROGRESS(e) { log.debug(`progress on ${e.headers['Unique-ID']}`); }
      },
      message(e) { station.conference('studio').play(e.data.file); },
      sms(e) { station.sms.send(e.from, `Thanks! ${station.sms.recent(1)[0].text}`); },
      timeout: { seconds: 1800, then() { go('goodbye'); } }
    },

    goodbye: {
      enter() {
        station.store.put('lastShow', { presses: data.presses || 0, callers: (data.callers || []).length });
        station.transmitter?.say('Goodbye');
      },
      playbackDone(e) { e.call.hangup(); },
      dtmf(e) { if (e.digit === '0') throw new Error('boom on zero'); }
    }
  },

  onError(err) { log.error(`${err.handler} failed in ${err.state}`); },
  teardown() { log.info(`teardown after ${data.presses || 0} presses`); }
});
