// Talk show. The station calls the host: "press 1 when you are ready, 2 to cancel". On 1, the
// host and the transmitter join the show ("you are on air"). Listeners call the call-in line:
// in queue mode they hear a message and hold music until the host takes them; in auto-answer
// mode they go straight on air. Host keys while on air:
//   3 auto-answer   4 queue mode   5 next caller on air   6 drop the current caller
//   7 call back the oldest listener who texted the keyword   8 read the newest texts on air
//   9 a break (breakSeconds, five minutes by default: music, then the host is called back)
//   * digits #  dial a guest into the show
// Callers who ring while the host is off air hear a message instead of ringing forever.
// The show ends when the host hangs up or the slot ends.
//
// Its settings are declared below (./stationd check checks them); host has no default: a show
// without one is refused.

program({
  apiVersion: 1,
  name: 'talkshow',
  settings: {
    host: { type: 'text' },                              // who the station calls: a number, or user/1000 on the simulated switch
    mode: { type: 'text', default: 'queue' },            // queue | auto
    keyword: { type: 'text', default: 'CALL ME' },       // a text with it asks the host to call back
    holdMusic: { type: 'media', default: 'hold.wav' },
    breakMusic: { type: 'media', default: 'music-1.wav' },
    breakSeconds: { type: 'number', default: 300 },
  },
  states: {
    'calling-host': {
      enter() {
        data.queue = data.queue || [];
        data.onAir = data.onAir || [];
        data.callbacks = data.callbacks || [];
        data.mode = data.mode || station.settings.mode || 'queue';
        data.host = station.originate(station.settings.host, { timeout: 45 }).id;
      },
      answered(e) {
        if (e.call.id !== data.host) return;
        e.call.collect({ min: 1, max: 1, timeout: 30, tries: 2, prompt: 'talkshow-ready.wav', regex: '[12]' });
      },
      digits(e) {
        if (e.call.id !== data.host) return;
        if (e.digits === '1') go('opening');
        else { e.call.play('goodbye.wav'); e.call.hangup(); go('off-air'); }
      },
      failed(e) { if (e.call.id === data.host) { log.warn(`host unreachable (${e.cause})`); go('off-air'); } },
      hangup(e) { if (e.call.id === data.host) go('off-air'); },
      incomingCall(e) { turnAway(e.call); },
      sms(e) { rememberTexter(e); }
    },

    opening: {
      enter() { station.dialTransmitter(); },
      answered(e) { if (isTransmitter(e.call)) e.call.join(show()); },
      conferenceJoined(e) {
        if (isTransmitter(e.call)) {
          // said to the host before joining: a call in the conference hears the show, not a prompt
          const host = call(data.host);
          host.say('You are on air');
          host.join(show());
          go('on-air');
        }
      },
      failed(e) {
        if (isTransmitter(e.call)) { call(data.host).say('The transmitter cannot be reached. The show is cancelled.'); go('ending'); }
      },
      hangup(e) { if (e.call.id === data.host) go('ending'); },
      incomingCall(e) { turnAway(e.call); },
      sms(e) { rememberTexter(e); }
    },

    'on-air': {
      incomingCall(e) {
        if (e.line !== 'call-in') return;
        e.call.answer();
        if (data.mode === 'auto') putOnAir(e.call);
        else {
          data.queue.push(e.call.id);
          e.call.play('talkshow-queued.wav');
          e.call.play(station.settings.holdMusic || 'hold.wav');
        }
      },
      playbackDone(e) {
        // keep the hold music going while a caller waits
        if (data.queue.includes(e.call.id) && e.status === 'done') e.call.play(station.settings.holdMusic || 'hold.wav');
      },
      dtmf(e) {
        if (e.call.id !== data.host) return;
        if (data.dialling !== undefined) {
          if (e.digit === '#') dialGuest(); else data.dialling += e.digit;
          return;
        }
        switch (e.digit) {
          case '3': data.mode = 'auto'; while (data.queue.length) putOnAir(call(data.queue.shift())); break;
          case '4': data.mode = 'queue'; break;
          case '5': nextCaller(); break;
          case '6': dropCaller(); break;
          case '7': callBackTexter(); break;
          case '8': readTexts(); break;
          case '9': go('break'); break;
          case '*': data.dialling = ''; break;
        }
      },
      answered(e) {
        if (data.guests && data.guests.includes(e.call.id)) putOnAir(e.call);
        if (isTransmitter(e.call)) e.call.join(show());
      },
      hangup(e) {
        if (e.call.id === data.host) { go('ending'); return; }
        data.queue = data.queue.filter(id => id !== e.call.id);
        data.onAir = data.onAir.filter(id => id !== e.call.id);
      },
      sms(e) { rememberTexter(e); },
      wrapUp(e) { show().say('We are nearly at the end of the show.'); }
    },

    break: {
      enter() {
        show().play(station.settings.breakMusic || 'music-1.wav');
        const host = call(data.host);
        if (host) host.hangup();
        station.after(station.settings.breakSeconds || 300, 'break-over');
      },
      timer(e) { if (e.timer === 'break-over') data.host = station.originate(station.settings.host, { timeout: 45 }).id; },
      answered(e) {
        if (e.call.id === data.host) { show().stop(); e.call.say('You are back on air'); e.call.join(show()); go('on-air'); }
      },
      failed(e) { if (e.call.id === data.host) go('ending'); },
      incomingCall(e) { turnAway(e.call); },
      sms(e) { rememberTexter(e); }
    },

    ending: {
      enter() {
        for (const c of station.calls) c.hangup();
        go('off-air');
      }
    },

    'off-air': {
      incomingCall(e) { turnAway(e.call); },
      sms(e) { rememberTexter(e); }
    }
  },

  onError(err) { log.error(`talkshow: ${err.message} (${err.location})`); }
});

function show() { return station.conference('show'); }

function call(id) { return station.calls.find(c => c.id === id) || null; }

function isTransmitter(c) { const tx = station.transmitter; return !!tx && tx.id === c.id; }

function turnAway(c) {
  c.answer();
  c.play('talkshow-offair.wav');
  c.hangup();
}

function putOnAir(c) {
  if (!c) return;
  c.stopPlayback();
  c.join(show());
  data.onAir.push(c.id);
  log.info(`${c.from} is on air`);
}

function nextCaller() {
  const id = data.queue.shift();
  if (id) putOnAir(call(id)); else call(data.host).say('Nobody is waiting');
}

function dropCaller() {
  const id = data.onAir.pop();
  const c = id && call(id);
  if (c) c.hangup();
}

function dialGuest() {
  const number = data.dialling;
  delete data.dialling;
  if (!number) return;
  data.guests = data.guests || [];
  data.guests.push(station.originate(number, { timeout: 45 }).id);
}

function rememberTexter(e) {
  const keyword = (station.settings.keyword || 'CALL ME').toUpperCase();
  if ((e.text || '').toUpperCase().includes(keyword) && !data.callbacks.includes(e.from)) data.callbacks.push(e.from);
}

function readTexts() {
  const texts = station.sms.recent(3);
  if (texts.length === 0) { show().say('No messages yet'); return; }
  for (const m of texts.reverse()) show().say(`A message from ${m.from}: ${m.text}`);
}

function callBackTexter() {
  const number = data.callbacks.shift();
  if (!number) { call(data.host).say('No listener asked to be called'); return; }
  data.guests = data.guests || [];
  data.guests.push(station.originate(number, { timeout: 45 }).id);
}
