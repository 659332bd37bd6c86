// One station: its live events, conference, week, schedule (add, edit, delete), swap and reload, compile errors.
'use strict';

const id = Console.param('id');
let editing = null;

async function refreshStatus() {
  const status = await Console.api('GET', '/api/status');
  const s = status.stations.find(x => x.station === id);
  if (!s) { Console.say('no station ' + id); return; }
  document.getElementById('summary').textContent = s.program + ' ' + (s.version || '') + ' — ' + s.state + ' — ' + s.calls + ' call(s)'
    + (s.lastError ? ' — last error: ' + s.lastError : '');
  document.getElementById('summary').dataset.program = s.program;
  const members = document.querySelector('#members tbody');
  members.replaceChildren();
  for (const c of s.conferences || []) for (const m of c.members) {
    members.append(Console.el('tr', {}, Console.el('td', {}, c.name), Console.el('td', {}, m.call), Console.el('td', {}, m.from), Console.el('td', {}, m.to), Console.el('td', {}, m.state)));
  }
  const ce = document.getElementById('compile-errors');
  ce.replaceChildren(...(status.compileErrorLines.length ? status.compileErrorLines.map(compileError) : ['none']));
}

async function refreshSchedule() {
  const [list, week] = await Promise.all([Console.api('GET', '/api/stations/' + id + '/schedule'), Console.api('GET', '/api/stations/' + id + '/week')]);
  const body = document.querySelector('#schedule tbody');
  body.replaceChildren();
  for (const e of list.entries) {
    const edit = Console.el('button', { type: 'button', class: 'edit', onclick: () => startEdit(e) }, 'Edit');
    const del = Console.el('button', { type: 'button', class: 'delete', onclick: () => remove(e.id) }, 'Delete');
    body.append(Console.el('tr', { dataset: { entry: e.id, program: e.program } }, Console.el('td', {}, e.id), Console.el('td', {}, e.program),
      Console.el('td', {}, e.start), Console.el('td', {}, e.duration), Console.el('td', {}, e.repeat), Console.el('td', {}, e.priority),
      Console.el('td', { class: 'settings' }, Object.keys(e.settings || {}).length ? JSON.stringify(e.settings) : ''),
      Console.el('td', {}, e.source), Console.el('td', {}, edit, del)));
  }
  const grid = document.getElementById('week');
  grid.replaceChildren();
  const from = new Date(week.from);
  for (let d = 0; d < 7; d++) {
    const day = new Date(from.getTime() + d * 86400000);
    const next = new Date(day.getTime() + 86400000);
    const cell = Console.el('div', { class: 'day' }, Console.el('b', {}, day.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })));
    for (const s of week.shows.filter(s => new Date(s.start) < next && new Date(s.end) > day)) {
      cell.append(Console.el('div', { class: 'show', dataset: { entry: s.entry } },
        new Date(s.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + '–' + new Date(s.end).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + ' ' + s.program));
    }
    grid.append(cell);
  }
}

function startEdit(e) {
  editing = e.id;
  document.getElementById('editing').textContent = 'Editing entry ' + e.id + ':';
  document.getElementById('show-program').value = e.program;
  document.getElementById('show-start').value = e.start.length === 16 ? e.start + ':00' : e.start;
  document.getElementById('show-duration').value = e.duration;
  document.getElementById('show-repeat').value = e.repeat || '';
  document.getElementById('show-priority').value = e.priority;
  document.getElementById('show-settings').value = Object.keys(e.settings || {}).length ? JSON.stringify(e.settings) : '';
  document.getElementById('show-save').textContent = 'Save changes';
}

function stopEdit() {
  editing = null;
  document.getElementById('editing').textContent = '';
  document.getElementById('show-save').textContent = 'Add show';
}

async function remove(entry) {
  if (await Console.run('delete entry ' + entry, () => Console.api('DELETE', '/api/stations/' + id + '/schedule/' + entry))) refreshSchedule();
}

async function save(ev) {
  ev.preventDefault();
  const body = {
    program: document.getElementById('show-program').value,
    start: document.getElementById('show-start').value,
    duration: document.getElementById('show-duration').value,
    priority: Number(document.getElementById('show-priority').value || 0),
  };
  const settings = document.getElementById('show-settings').value.trim();
  if (settings) {
    try { body.settings = JSON.parse(settings); } catch (e) { Console.say('settings must be JSON, like {"music": ["music-1.wav"]}'); return; }
  }
  const repeat = document.getElementById('show-repeat').value.trim();
  if (repeat) body.repeat = repeat;
  const r = editing === null
    ? await Console.run('add show', () => Console.api('POST', '/api/stations/' + id + '/schedule', body))
    : await Console.run('edit entry ' + editing, () => Console.api('PUT', '/api/stations/' + id + '/schedule/' + editing, body));
  if (r) {
    if (r.overlaps && r.overlaps.length) Console.say('saved; it overlaps: ' + r.overlaps.join('; '), true);
    stopEdit();
    refreshSchedule();
  }
}

function timeline(m) {
  const kind = m.topic.split('/')[2];
  const d = m.data;
  const text = kind === 'state' ? 'state ' + d.from + ' → ' + d.to
    : kind === 'call' ? 'call ' + String(d.call).substring(0, 8) + ' ' + d.event
    : kind === 'aired' ? d.what
    : kind === 'key' ? 'call ' + String(d.call).substring(0, 8) + ' pressed ' + d.key
    : kind === 'error' ? 'error in ' + d.handler + ': ' + d.message + (d.location ? ' (' + d.location + ')' : '')
    : kind === 'log' ? d.level + ': ' + d.message
    : kind === 'program' ? 'program ' + d.program + ' ' + d.version
    : JSON.stringify(d);
  const list = document.getElementById('timeline');
  list.prepend(Console.el('li', { class: kind }, new Date().toLocaleTimeString() + '  ' + text));
  while (list.children.length > 300) list.lastChild.remove();
}

document.addEventListener('DOMContentLoaded', async () => {
  document.getElementById('title').textContent = 'Station ' + id;
  const programs = (await Console.api('GET', '/api/programs')).programs;
  for (const sel of [document.getElementById('swap-program'), document.getElementById('show-program')]) {
    for (const p of programs) sel.append(Console.el('option', { value: p }, p));
  }
  document.getElementById('swap-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const program = document.getElementById('swap-program').value;
    if (await Console.run('swap to ' + program, () => Console.api('POST', '/api/stations/' + id + '/swap', { program }))) refreshStatus();
  });
  document.getElementById('reload').addEventListener('click', async () => {
    const program = document.getElementById('summary').dataset.program;
    if (await Console.run('reload ' + program, () => Console.api('POST', '/api/reload', { program }))) refreshStatus();
  });
  document.getElementById('show-form').addEventListener('submit', save);
  document.getElementById('show-cancel').addEventListener('click', stopEdit);
  Console.feed(m => {
    if (m.topic.startsWith('station/' + id + '/')) {
      timeline(m);
      if (/\/(state|program|error|call)$/.test(m.topic)) refreshStatus();
    } else if (m.topic.startsWith('host/compile-error')) {
      refreshStatus();
    }
  });
  await Promise.all([refreshStatus(), refreshSchedule()]);
  document.body.dataset.ready = 'true';
});
