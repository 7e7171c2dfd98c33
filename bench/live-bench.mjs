// Load and measurement for `./bench.sh live` (driven by LiveBenchmark.cs, which starts the apps and
// reads this script's last stdout line as JSON; lines starting with '#' are phase marks).
// Phase 1 — latency: one wall in Chromium; incidents posted to ingest at a steady rate with a burst; for
// the k-th acknowledged incident, latency = first time the wall's 今日受理 tile shows baseline+k minus
// that acknowledgement's time (same clock: one machine).
// Phase 2 — fan-out: more walls and many /hubs/live clients (@microsoft/signalr) while posting at
// another rate; per client, the same latency from its own view.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import * as signalR from '@microsoft/signalr';

const o = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const mark = m => process.stdout.write(`#${m}\n`);
const sleep = ms => new Promise(r => setTimeout(r, ms));
let seq = 0;

// At most this many requests in flight, like a source system's connection pool; a 503 is retried as a
// source would (the latency then counts from the acknowledgement that finally came).
let inFlight = 0;
const waiting = [];
async function post(count) {
  while (inFlight >= (o.maxInFlight ?? 32)) await new Promise(r => waiting.push(r));
  inFlight++;
  try {
    for (let attempt = 0; ; attempt++) {
      try { return await postOnce(count); }
      catch (e) { if (!String(e.message).startsWith('ingest 503') || attempt > 20) throw e; await sleep(100); }
    }
  } finally { inFlight--; waiting.shift()?.(); }
}

async function postOnce(count) {
  const lines = [];
  const first = seq;
  seq += count;
  for (let i = 0; i < count; i++) {
    const g = o.points[((first + i) * 7919) % o.points.length];
    lines.push(JSON.stringify({ externalId: `bench-${o.runId}-${first + i}`, channel: '网格员巡查', category: 'sewer',
      title: '下水道堵塞', lon: g[0], lat: g[1], reporterName: '张三', reporterPhone: '13812345678', priority: 3,
      reportedAt: new Date().toISOString() }));
  }
  const r = await fetch(`${o.ingest}/api/v1/incidents`, { method: 'POST', headers: { 'X-Api-Key': o.key, 'Content-Type': 'application/x-ndjson' }, body: lines.join('\n') + '\n' });
  const at = Date.now();
  if (!r.ok) throw new Error(`ingest ${r.status}: ${await r.text()}`);
  return Array(count).fill(at);
}

/** Posts `rate` events/s for `seconds`, one event per request; during second `burstAt` sends `burst` more in batches of 50. */
async function load(rate, seconds, burst = 0, burstAt = -1) {
  const acks = [], pending = [];
  const start = Date.now();
  for (let s = 0; s < seconds; s++) {
    for (let i = 0; i < rate; i++) {
      const due = start + s * 1000 + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      pending.push(post(1).then(a => acks.push(...a)));
      if (s === burstAt && i === 0)
        for (let b = 0; b < burst / 50; b++) pending.push(post(50).then(a => acks.push(...a)));
    }
  }
  await Promise.all(pending);
  return acks.sort((a, b) => a - b);
}

function latencies(acks, baseline, samples) {
  // samples: [time, value] in time order, value = 今日受理 as that client saw it.
  const out = [];
  let j = 0;
  for (let k = 1; k <= acks.length; k++) {
    while (j < samples.length && samples[j][1] < baseline + k) j++;
    if (j === samples.length) { out.push(Infinity); continue; }
    out.push(Math.max(0, samples[j][0] - acks[k - 1]));
  }
  return out;
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : null; };

async function openWall(browser) {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // Signed in as a wall screen (the kiosk link's cookie, made by LiveBenchmark.cs).
  const [name, ...value] = o.kioskCookie.split('=');
  await page.context().addCookies([{ name, value: value.join('='), url: o.web }]);
  await page.goto(`${o.web}/screen`);
  await page.waitForSelector('[data-test=map][data-ready=true]', { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('[data-test=date]')?.textContent?.length > 0);
  await page.evaluate(() => {
    const el = document.querySelector('[data-test=tile][data-name="今日受理"] [data-test=tile-value]');
    const read = () => parseInt(el.textContent.replace(/[^0-9]/g, ''), 10);
    window.__samples = [[Date.now(), read()]];
    new MutationObserver(() => window.__samples.push([Date.now(), read()])).observe(el, { childList: true, subtree: true, characterData: true });
  });
  return page;
}
const wallSamples = page => page.evaluate(() => window.__samples);
const wallValue = async page => (await wallSamples(page)).at(-1)[1];

async function waitFor(cond, ms, what) {
  const end = Date.now() + ms;
  while (!(await cond())) { if (Date.now() > end) throw new Error(`timed out: ${what}`); await sleep(50); }
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const result = {};
try {
  // Phase 1: latency with one wall.
  const first = await openWall(browser);
  mark('walls-1');
  await post(1); // warm-up: ingest's first request
  await waitFor(async () => (await wallValue(first)) >= 1, 20000, 'warm-up case on the wall');
  const base1 = await wallValue(first);
  const acks1 = await load(o.rate, o.seconds, o.burst, Math.floor(o.seconds / 2));
  await waitFor(async () => (await wallValue(first)) >= base1 + acks1.length, 60000, 'phase 1 on the wall');
  const lat1 = latencies(acks1, base1, await wallSamples(first));
  Object.assign(result, { latency_events: acks1.length, latency_p50_ms: pct(lat1, 0.5), latency_p99_ms: pct(lat1, 0.99), latency_max_ms: Math.max(...lat1) });

  // Phase 2: fan-out.
  const walls = [first];
  for (let i = 1; i < o.walls; i++) walls.push(await openWall(browser));
  mark(`walls-${walls.length}`);
  const clients = [];
  for (let i = 0; i < o.hubClients; i++) {
    const c = { samples: [] };
    c.conn = new signalR.HubConnectionBuilder().withUrl(`${o.web}/hubs/live`, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, headers: { Cookie: o.kioskCookie } })
      .configureLogging(signalR.LogLevel.None).build();
    c.conn.on('snapshot', m => c.samples.push([Date.now(), m.kpis.accepted]));
    c.conn.on('delta', m => c.samples.push([Date.now(), m.kpis.accepted]));
    clients.push(c);
  }
  await Promise.all(clients.map(c => c.conn.start()));
  mark('hub-clients');
  const base2 = await wallValue(first);
  await waitFor(async () => clients.every(c => c.samples.length && c.samples.at(-1)[1] >= base2), 30000, 'hub snapshots');
  mark('fanout-start');
  const acks2 = await load(o.fanoutRate, o.fanoutSeconds);
  const target = base2 + acks2.length;
  await waitFor(async () => clients.every(c => c.samples.at(-1)[1] >= target), 120000, 'every hub client to catch up');
  for (const w of walls) await waitFor(async () => (await wallValue(w)) >= target, 120000, 'every wall to catch up');
  mark('fanout-end');
  const hubP99 = clients.map(c => pct(latencies(acks2, base2, c.samples), 0.99));
  const hubAll = clients.flatMap(c => latencies(acks2, base2, c.samples));
  const wallP99 = [];
  for (const w of walls) wallP99.push(pct(latencies(acks2, base2, await wallSamples(w)), 0.99));
  Object.assign(result, {
    fanout_events: acks2.length, fanout_rate: o.fanoutRate, walls: walls.length, hub_clients: clients.length,
    hub_latency_p50_ms: pct(hubAll, 0.5), hub_latency_p99_ms: pct(hubAll, 0.99), hub_slowest_client_p99_ms: Math.max(...hubP99),
    wall_slowest_p99_ms: Math.max(...wallP99),
  });
  await Promise.all(clients.map(c => c.conn.stop()));
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(result) + '\n');
