// Pending community recordings: listen, approve, reject, set an expiry. Approved ones air as the playlist airs them.
'use strict';

function station() { return document.getElementById('station').value; }

async function refresh() {
  const status = document.getElementById('status').value;
  const r = await Console.api('GET', '/api/stations/' + encodeURIComponent(station()) + '/recordings' + (status ? '?status=' + status : ''));
  const body = document.querySelector('#recordings tbody');
  body.replaceChildren();
  for (const rec of r.recordings) {
    const base = '/api/stations/' + encodeURIComponent(station()) + '/recordings/' + rec.id;
    const decide = s => async () => { if (await Console.run(s + ' ' + rec.id, () => Console.api('POST', base, { status: s }))) refresh(); };
    const expiry = Console.el('input', { type: 'date', class: 'expiry', value: rec.expires.substring(0, 10) });
    body.append(Console.el('tr', { dataset: { recording: rec.id, status: rec.status } },
      Console.el('td', {}, rec.id), Console.el('td', {}, rec.category), Console.el('td', {}, rec.caller), Console.el('td', {}, rec.seconds === null ? '' : rec.seconds.toFixed(1)),
      Console.el('td', {}, rec.audible ? Console.el('audio', { controls: '', preload: 'none', src: base + '/audio' }) : 'no audio here'),
      Console.el('td', { class: 'status' }, rec.status), Console.el('td', {}, expiry,
        Console.el('button', { type: 'button', class: 'set-expiry', onclick: async () => {
          if (await Console.run('expiry of ' + rec.id, () => Console.api('POST', base, { expires: expiry.value }))) refresh();
        } }, 'Set')),
      Console.el('td', {}, Console.el('button', { type: 'button', class: 'approve', onclick: decide('approved') }, 'Approve'),
        Console.el('button', { type: 'button', class: 'reject', onclick: decide('rejected') }, 'Reject'))));
  }
  document.body.dataset.loaded = String(r.recordings.length);
}

document.addEventListener('DOMContentLoaded', async () => {
  await Console.stationSelect(document.getElementById('station'));
  document.getElementById('station').addEventListener('change', refresh);
  document.getElementById('status').addEventListener('change', refresh);
  // a caller saving a message logs it: show it without a reload
  Console.feed(m => { if (m.topic === 'station/' + station() + '/log' && /saved a/.test(m.data.message)) refresh(); });
  await refresh();
});
