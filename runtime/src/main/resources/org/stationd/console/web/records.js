// Searchable, paged records, and the same search as CSV.
'use strict';

const SIZE = 50;
let page = 0;

function query(extra) {
  const q = new URLSearchParams();
  for (const k of ['station', 'day', 'q']) { const v = document.getElementById(k).value.trim(); if (v) q.set(k, v); }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return '/api/' + document.getElementById('kind').value + '?' + q;
}

async function search() {
  const r = await Console.api('GET', query({ page, size: SIZE }));
  document.getElementById('csv').href = query({ format: 'csv' });
  const cols = r.rows.length ? Object.keys(r.rows[0]) : [];
  document.querySelector('#rows thead').replaceChildren(Console.el('tr', {}, ...cols.map(c => Console.el('th', {}, c))));
  const body = document.querySelector('#rows tbody');
  body.replaceChildren(...r.rows.map(row => Console.el('tr', { class: row.status ? 'status-' + row.status : '' }, ...cols.map(c => Console.el('td', {}, row[c])))));
  document.getElementById('summary').textContent = r.total + ' found';
  document.getElementById('page').textContent = 'page ' + (page + 1) + ' of ' + Math.max(1, Math.ceil(r.total / SIZE));
  document.getElementById('prev').disabled = page === 0;
  document.getElementById('next').disabled = (page + 1) * SIZE >= r.total;
  document.body.dataset.total = String(r.total);
}

document.addEventListener('DOMContentLoaded', async () => {
  await Console.stationSelect(document.getElementById('station'));
  if (Console.param('kind')) document.getElementById('kind').value = Console.param('kind');
  document.getElementById('search').addEventListener('submit', ev => { ev.preventDefault(); page = 0; search().catch(e => Console.say(e.message)); });
  document.getElementById('kind').addEventListener('change', () => { page = 0; search().catch(e => Console.say(e.message)); });
  document.getElementById('prev').addEventListener('click', () => { page--; search(); });
  document.getElementById('next').addEventListener('click', () => { page++; search(); });
  await search();
});
