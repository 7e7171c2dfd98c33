// ApexCharts for Blazor: the library is loaded once (from wwwroot/lib, copied from npm at build).
import { loadScript } from '../js/load-script.js';

const loadApex = () => loadScript('lib/apexcharts/apexcharts.min.js', () => !!window.ApexCharts);

// Options come as JSON text (see ApexChart.razor: one serialisation for every wall, none per circuit).
const parsed = (options) => (typeof options === 'string' ? JSON.parse(options) : options);

export async function create(element, options) {
  options = parsed(options);
  await loadApex();
  const chart = new window.ApexCharts(element, withSize(options));
  await chart.render();
  return chart;
}

// Per chart: the newest options not drawn yet, the pending draw and when the last one started.
const pending = new WeakMap();

// Draws the newest options, at most once per minIntervalMs (trailing: the last options of a burst are always
// drawn). A wall gets several snapshots a second and each redraw is main-thread work the tiles wait behind, while a
// chart read from across a room needs no more than one a second.
export function update(chart, options, minIntervalMs = 0) {
  let s = pending.get(chart);
  if (!s) pending.set(chart, (s = { options: null, timer: 0, last: -Infinity }));
  s.options = options;
  if (s.timer) return; // the scheduled draw takes the newest options
  const wait = Math.max(0, s.last + minIntervalMs - performance.now());
  s.timer = setTimeout(() => draw(chart, s), wait);
}

function draw(chart, s) {
  s.timer = 0;
  s.last = performance.now();
  const sized = withSize(parsed(s.options));
  s.options = null;
  // Charts whose options turn dynamic animation off (the wall's) redraw without morphing; the others keep
  // ApexCharts' animated update.
  const animate = sized.chart?.animations?.dynamicAnimation?.enabled !== false;
  chart.updateOptions(sized, false, animate);
}

export function dispose(chart) {
  clearTimeout(pending.get(chart)?.timer);
  chart.destroy();
}

// Fill the container: the wall's layout decides the size, and ApexCharts follows window resizes.
// Sizes given as "1.5vh" are turned into pixels, since ApexCharts does not scale its text by itself.
function withSize(options) {
  const sized = resolveVh(options);
  return { ...sized, chart: { height: '100%', width: '100%', ...(sized.chart ?? {}) } };
}

function resolveVh(value) {
  if (typeof value === 'string') {
    const m = /^(\d+(?:\.\d+)?)vh$/.exec(value);
    return m ? `${Math.round(parseFloat(m[1]) * window.innerHeight / 100)}px` : value;
  }
  if (Array.isArray(value)) return value.map(resolveVh);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveVh(v);
    return out;
  }
  return value;
}
