// Every host of the cluster, the stations it owns and its lease times, refreshed every two seconds
// (leases change by the hosts' rounds, which the event feed does not carry).
'use strict';

function leaseText(h) {
  if (!h.live) return 'silent: ran out ' + Math.max(0, -h.expiresInSeconds).toFixed(1) + ' s ago';
  return 'in ' + h.expiresInSeconds.toFixed(1) + ' s (' + Console.time(h.expires) + ')';
}

async function refresh() {
  const c = await Console.api('GET', '/api/cluster');
  const summary = document.getElementById('summary');
  const hosts = document.querySelector('#hosts tbody');
  const leases = document.querySelector('#leases tbody');
  if (!c.clustered) {
    summary.textContent = 'This host is not part of a cluster: it runs every station in its stations.yaml.';
    hosts.replaceChildren();
    leases.replaceChildren();
  } else {
    summary.textContent = 'This host: ' + c.host + ', lease ' + c.leaseSeconds + ' s' + (c.problem ? ' — problem: ' + c.problem : '');
    hosts.replaceChildren(...c.hosts.map(h => Console.el('tr', { dataset: { host: h.host }, class: h.thisHost ? 'this-host' : (h.live ? '' : 'silent') },
      Console.el('td', { class: 'host' }, h.host + (h.thisHost ? ' (this host)' : '')),
      Console.el('td', { class: 'count' }, h.stations.length),
      Console.el('td', {}, h.renewedSecondsAgo.toFixed(1) + ' s ago'),
      Console.el('td', { class: 'lease' }, leaseText(h)),
      Console.el('td', { class: 'stations' }, h.stations.join(' ')))));
    leases.replaceChildren(...c.leases.map(l => Console.el('tr', { dataset: { station: l.station } },
      Console.el('td', {}, l.station), Console.el('td', { class: 'owner' }, l.owner || 'free'),
      Console.el('td', {}, l.epoch), Console.el('td', {}, Console.time(l.expires)))));
  }
  document.body.dataset.refreshed = String(Date.now());
}

document.addEventListener('DOMContentLoaded', () => {
  const again = () => refresh().then(() => Console.say(''), e => Console.say(e.message));
  again();
  setInterval(again, 2000);
});
