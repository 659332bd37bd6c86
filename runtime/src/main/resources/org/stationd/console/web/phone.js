// ./stationd call in the browser: ring a station's line as a listener, press keys, text, hang up, see what it plays.
'use strict';

let call = null;
let station = null;

function setCall(id, state) {
  call = id;
  document.getElementById('call-state').textContent = id ? id + ' ' + state : 'none';
  document.getElementById('call-state').dataset.state = state;
  document.getElementById('hangup').disabled = !id;
}

function heard(text) {
  document.getElementById('plays').append(Console.el('li', {}, new Date().toLocaleTimeString() + '  ' + text));
}

async function act(what, path, body) {
  if (!call) { Console.say('no call: press Call first'); return; }
  await Console.run(what, () => Console.api('POST', '/api/phone/' + call + '/' + path, body));
}

document.addEventListener('DOMContentLoaded', async () => {
  await Console.stationSelect(document.getElementById('station'));
  const pad = document.getElementById('keypad');
  for (const k of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
    pad.append(Console.el('button', { type: 'button', dataset: { key: k }, onclick: () => act('key ' + k, 'keys', { keys: k }) }, k));
  }
  Console.feed(m => {
    if (call && m.topic === 'phone/' + call) {
      if (m.data.event === 'ended') { heard('the call ended'); setCall(null, 'ended'); }
      else setCall(call, m.data.event);
    } else if (call && m.topic === 'station/' + station + '/aired') {
      // the station's leg of the call has its own id: while the call is up, all the station airs is shown
      heard(m.data.what);
    }
  });
  document.getElementById('dial').addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = { station: document.getElementById('station').value, from: document.getElementById('from').value.trim() };
    const line = document.getElementById('line').value.trim();
    if (line) body.line = line;
    document.getElementById('plays').replaceChildren();
    station = body.station;
    const r = await Console.run('call ' + body.station, () => Console.api('POST', '/api/phone', body));
    if (r) { setCall(r.call, 'ringing'); heard('calling ' + r.station + ' line ' + r.line + ' (' + r.number + ')'); }
  });
  document.getElementById('hangup').addEventListener('click', () => act('hang up', 'hangup', {}));
  document.getElementById('texting').addEventListener('submit', ev => { ev.preventDefault(); act('text', 'text', { text: document.getElementById('text').value }); });
  document.getElementById('speak').addEventListener('click', () => act('speak', 'voice', { seconds: 3 }));
  document.body.dataset.ready = 'true';
});
