// The dashboard's one page: plain HTML, a small inline script and SVG line charts (no framework,
// nothing fetched from elsewhere). It polls the dashboard server (server.ts) every second for the
// selected instance's figures and log lines; element ids are what the browser test drives.
export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nephos dashboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#0f1419;color:#d8dee9}
header{padding:10px 16px;background:#1b2430;font-weight:600}
main{display:grid;grid-template-columns:240px 1fr;min-height:calc(100vh - 42px)}
nav{border-right:1px solid #2a3340;padding:8px}
nav li{list-style:none;padding:6px 8px;border-radius:4px;cursor:pointer;margin:2px 0}
nav li.sel{background:#2a3a50}nav ul{padding:0;margin:0}
.st{font-size:12px;color:#9aa5b1}.running{color:#7fd18b}.exited,.crashed{color:#e0787a}
section{padding:12px 16px}
.charts{display:grid;grid-template-columns:repeat(2,minmax(260px,1fr));gap:12px}
.chart{background:#151c25;border:1px solid #2a3340;border-radius:6px;padding:8px}
.chart h3{margin:0 0 4px;font-size:13px;font-weight:600}.chart .v{float:right;color:#9aa5b1}
svg{width:100%;height:110px}polyline{fill:none;stroke:#5fb3f3;stroke-width:1.5}polyline.b{stroke:#f3b35f}
pre{background:#151c25;border:1px solid #2a3340;border-radius:6px;padding:8px;height:200px;overflow:auto;margin:0;font-size:12px}
.row{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin-top:12px}
table{border-collapse:collapse;width:100%;font-size:12px}td{border-bottom:1px solid #2a3340;padding:2px 4px;word-break:break-all}
button{background:#2a3a50;color:#d8dee9;border:1px solid #3d4f66;border-radius:4px;padding:4px 12px;cursor:pointer;margin-right:6px}
#msg{margin-left:8px;color:#9aa5b1}
</style></head><body>
<header>Nephos <span class="st" id="count"></span></header>
<main><nav><ul id="instances"></ul></nav>
<section id="detail"><div id="empty">No instance selected.</div>
<div id="panel" hidden>
<h2 id="title" style="margin:0 0 6px"></h2>
<div><button id="restart">Restart app</button><button id="stop">Stop</button><span id="msg"></span></div>
<p class="st" id="status"></p>
<div class="charts">
<div class="chart"><h3>Memory used (MiB)<span class="v" id="v-memory"></span></h3><svg id="chart-memory" viewBox="0 0 300 100" preserveAspectRatio="none"><polyline/></svg></div>
<div class="chart"><h3>Event-loop lag (ms)<span class="v" id="v-lag"></span></h3><svg id="chart-lag" viewBox="0 0 300 100" preserveAspectRatio="none"><polyline/></svg></div>
<div class="chart"><h3>Requests/s: app connections, API<span class="v" id="v-requests"></span></h3><svg id="chart-requests" viewBox="0 0 300 100" preserveAspectRatio="none"><polyline/><polyline class="b"/></svg></div>
<div class="chart"><h3>Network (KiB/s): in, out<span class="v" id="v-net"></span></h3><svg id="chart-net" viewBox="0 0 300 100" preserveAspectRatio="none"><polyline/><polyline class="b"/></svg></div>
</div>
<div class="row"><div><h3>Log</h3><pre id="log"></pre></div>
<div><h3>Environment</h3><table id="env"></table><h3>Files in /tmp</h3><table id="files"></table></div></div>
</div></section></main>
<script>
"use strict";
const N = 120;
let selected = null, series = {}, last = null, logAfter = 0, timer = null;
const $ = (id) => document.getElementById(id);
async function j(url, opts) { const r = await fetch(url, opts); const b = await r.json(); if (!r.ok) throw new Error(b.message || r.status); return b; }
function esc(s) { return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c])); }
function push(name, v) { (series[name] = series[name] || []).push(v); if (series[name].length > N) series[name].shift(); }
function draw(id, names) {
  const svg = $(id), lines = svg.querySelectorAll('polyline');
  const max = Math.max(1e-9, ...names.flatMap((n) => series[n] || []));
  names.forEach((n, i) => {
    const s = series[n] || [];
    lines[i].setAttribute('points', s.map((v, k) => ((k * 300) / (N - 1)).toFixed(1) + ',' + (100 - (v / max) * 95).toFixed(1)).join(' '));
  });
  svg.dataset.points = String((series[names[0]] || []).length);
}
async function refreshList() {
  const list = await j('/api/instances');
  $('count').textContent = list.length + ' instance(s)';
  $('instances').innerHTML = list.map((i) => '<li data-name="' + esc(i.name) + '"' + (i.name === selected ? ' class="sel"' : '') + '>' + esc(i.name) +
    '<div class="st ' + i.status + '">' + esc(i.app) + ' · ' + i.status + (i.status === 'running' && !i.ready ? ' (starting)' : '') + '</div></li>').join('');
  for (const li of $('instances').children) li.onclick = () => select(li.dataset.name);
  if (!selected) { const r = list.find((i) => i.status === 'running'); if (r) select(r.name); }
}
function select(name) {
  selected = name; series = {}; last = null; logAfter = 0; $('log').textContent = '';
  $('empty').hidden = true; $('panel').hidden = false; $('title').textContent = name;
  refreshList(); tick(); details();
}
async function tick() {
  if (!selected) return;
  try {
    const s = await j('/api/instances/' + selected + '/stats');
    push('memory', s.memory.used / 1048576); push('lag', s.lagMs);
    if (last) {
      const dt = Math.max(0.001, (s.time - last.time) / 1000);
      push('conn', Math.max(0, s.tcpAccepted - last.tcpAccepted) / dt); push('api', Math.max(0, s.apiRequests - last.apiRequests) / dt);
      push('rx', Math.max(0, s.netRxBytes - last.netRxBytes) / dt / 1024); push('tx', Math.max(0, s.netTxBytes - last.netTxBytes) / dt / 1024);
    }
    last = s;
    draw('chart-memory', ['memory']); draw('chart-lag', ['lag']); draw('chart-requests', ['conn', 'api']); draw('chart-net', ['rx', 'tx']);
    $('v-memory').textContent = (s.memory.used / 1048576).toFixed(1); $('v-lag').textContent = s.lagMs.toFixed(1);
    $('v-requests').textContent = series.api ? series.api[series.api.length - 1].toFixed(1) : ''; $('v-net').textContent = series.rx ? series.rx[series.rx.length - 1].toFixed(1) : '';
    $('status').textContent = 'app ' + s.app.status + ' · generation ' + s.app.generation + ' · restarts ' + s.app.restarts + ' · argv ' + JSON.stringify(s.app.argv) + ' · up ' + Math.floor(s.uptime) + ' s · ' + s.hostname;
    $('status').dataset.generation = String(s.app.generation);
    const logs = await j('/api/instances/' + selected + '/logs?after=' + logAfter);
    if (logs.lines.length) {
      const pre = $('log'); pre.textContent += logs.lines.map((l) => l.text).join('\\n') + '\\n'; logAfter = logs.lines[logs.lines.length - 1].seq;
      if (pre.textContent.length > 100000) pre.textContent = pre.textContent.slice(-80000);
      pre.scrollTop = pre.scrollHeight;
    }
  } catch (e) { $('status').textContent = String(e.message || e); }
}
async function details() {
  if (!selected) return;
  try {
    const env = await j('/api/instances/' + selected + '/env');
    $('env').innerHTML = env.map((kv) => { const i = kv.indexOf('='); return '<tr><td>' + esc(kv.slice(0, i)) + '</td><td>' + esc(kv.slice(i + 1)) + '</td></tr>'; }).join('');
    const files = await j('/api/instances/' + selected + '/files?path=/tmp');
    $('files').innerHTML = files.map((f) => '<tr><td>' + esc(f.pathSuffix) + '</td><td>' + f.type + '</td><td>' + f.length + '</td></tr>').join('');
  } catch (e) { /* shown by tick */ }
}
async function action(what) {
  $('msg').textContent = what + '…';
  try { await j('/api/instances/' + selected + '/' + what, { method: 'POST', headers: { 'X-Nephos-Dashboard': '1' } }); $('msg').textContent = what + ' done'; }
  catch (e) { $('msg').textContent = what + ' failed: ' + (e.message || e); }
  refreshList();
}
$('restart').onclick = () => action('restart');
$('stop').onclick = () => action('stop');
refreshList();
setInterval(tick, 1000); setInterval(refreshList, 3000); setInterval(details, 3000);
</script></body></html>`;
}
