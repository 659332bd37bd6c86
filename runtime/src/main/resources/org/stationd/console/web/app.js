// Shared by every page: the JSON API, the live feed, the navigation and the message line.
'use strict';

const Console = {
  /** fetch + JSON; a refusal throws an Error with the host's message. */
  async api(method, path, body) {
    const init = { method, headers: {} };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    const res = await fetch(path, init);
    const text = await res.text();
    let data = {};
    try { data = text ? JSON.parse(text) : {}; } catch (e) { data = { error: text }; }
    if (!res.ok) throw new Error(data.error || res.status + ' ' + res.statusText);
    return data;
  },

  /** Every message the host publishes, as {topic, data}; reconnects by itself (EventSource). */
  feed(onMessage) {
    const es = new EventSource('/api/events');
    es.addEventListener('message', ev => onMessage(JSON.parse(ev.data)));
    es.addEventListener('open', () => document.body.dataset.feed = 'open');
    return es;
  },

  say(text, ok) {
    const m = document.getElementById('message');
    m.textContent = text;
    m.className = ok ? 'ok' : '';
  },

  /** Runs an action, saying what went wrong instead of throwing. */
  async run(what, fn) {
    try {
      const r = await fn();
      Console.say(what + ': done', true);
      return r;
    } catch (e) {
      Console.say(what + ': ' + e.message, false);
      return null;
    }
  },

  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k.startsWith('on')) e.addEventListener(k.substring(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '' : String(c)));
    return e;
  },

  param(name) { return new URLSearchParams(location.search).get(name); },

  time(iso) { return iso ? new Date(iso).toLocaleString() : ''; },

  async stations() { return (await Console.api('GET', '/api/status')).stations.map(s => s.station); },

  /** Fills a <select> with the stations, choosing ?station= when given. */
  async stationSelect(select) {
    for (const id of await Console.stations()) select.append(Console.el('option', { value: id }, id));
    if (Console.param('station')) select.value = Console.param('station');
  },
};

/** A program that does not compile: file, line and column, the problem, and the line of source it points at. */
function compileError(e) {
  const where = e.line ? e.file + ', line ' + e.line + ', column ' + e.column : e.file;
  const box = Console.el('div', { class: 'compile-error', dataset: { file: e.file } }, Console.el('b', {}, where), Console.el('pre', { class: 'error' }, e.error));
  if (e.source !== undefined) box.append(Console.el('pre', { class: 'source' }, e.line + ' | ' + e.source + '\n' + ' '.repeat(String(e.line).length + 3 + Math.max(0, e.column - 1)) + '^'));
  return box;
}

document.addEventListener('DOMContentLoaded', () => {
  const nav = document.createElement('nav');
  for (const [href, label] of [['/', 'Stations'], ['/moderation.html', 'Voice board'], ['/records.html', 'Calls, airings, texts'], ['/phone.html', 'Test phone'], ['/cluster.html', 'Cluster'], ['/metrics', 'Metrics']]) {
    nav.append(Console.el('a', { href }, label));
  }
  document.body.prepend(nav);
});
