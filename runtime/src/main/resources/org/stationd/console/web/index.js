// The stations table, kept live from the host's feed, and a chart of events per second.
'use strict';

const errorsSeen = {};   // station -> time the feed brought its last error
let refreshing = null;

async function refresh() {
  const status = await Console.api('GET', '/api/status');
  document.getElementById('switch').textContent = 'Switch: ' + status.switch + ' — ' + status.switchState;
  const body = document.querySelector('#stations tbody');
  body.replaceChildren();
  for (const s of status.stations) {
    const tx = s.transmitter ? s.transmitter.state + ' (' + s.transmitter.call.substring(0, 8) + ')' : 'none';
    const show = x => x ? x.program + ' ' + Console.time(x.start) : '';
    const at = s.lastErrorAt ? new Date(s.lastErrorAt) : errorsSeen[s.station];
    const err = s.lastError ? s.lastError + (at ? ' (' + at.toLocaleString() + ')' : '') : '';
    body.append(Console.el('tr', { dataset: { station: s.station } },
      Console.el('td', {}, Console.el('a', { href: '/station.html?id=' + encodeURIComponent(s.station) }, s.station)),
      Console.el('td', {}, s.program), Console.el('td', {}, s.version), Console.el('td', { class: 'state' }, s.state),
      Console.el('td', { class: 'transmitter' }, tx), Console.el('td', { class: 'calls' }, s.calls),
      Console.el('td', {}, show(s.now)), Console.el('td', {}, show(s.next)), Console.el('td', { class: 'error' }, err)));
  }
  const ce = document.getElementById('compile-errors');
  ce.replaceChildren(...(status.compileErrorLines.length ? status.compileErrorLines.map(compileError) : ['none']));
  document.body.dataset.refreshed = String(Date.now());
}

/** Many events at once give one refresh. */
function refreshSoon() {
  if (refreshing) return;
  refreshing = setTimeout(() => { refreshing = null; refresh().catch(e => Console.say(e.message)); }, 150);
}

const perSecond = new Array(60).fill(0);
let thisSecond = 0;

function draw() {
  perSecond.shift();
  perSecond.push(thisSecond);
  thisSecond = 0;
  const c = document.getElementById('chart');
  const g = c.getContext('2d');
  const max = Math.max(5, ...perSecond);
  g.clearRect(0, 0, c.width, c.height);
  g.fillStyle = '#347';
  const w = c.width / perSecond.length;
  perSecond.forEach((v, i) => g.fillRect(i * w, c.height - v / max * (c.height - 10), w - 1, v / max * (c.height - 10)));
  c.dataset.events = String(perSecond.reduce((a, b) => a + b, 0));   // what the last minute shows
  document.getElementById('rate').textContent = perSecond[perSecond.length - 1] + ' events/s (scale ' + max + ')';
}

document.addEventListener('DOMContentLoaded', () => {
  refresh().catch(e => Console.say(e.message));
  Console.feed(m => {
    if (!m.topic.startsWith('station/')) return;
    thisSecond++;
    const [, station, kind] = m.topic.split('/');
    if (kind === 'error') errorsSeen[station] = new Date();
    if (['state', 'call', 'program', 'error'].includes(kind)) refreshSoon();
  });
  setInterval(draw, 1000);
});
