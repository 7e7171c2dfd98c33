// The wall's map: Leaflet drawing the grid polygons as vectors (no tile server needed; an optional raster
// base layer). Geometry is fetched once by URL; afterwards only {code: state}, markers and worker
// positions come from the server.
import { loadLeaflet } from '../js/leaflet-loader.js';


const fills = { none: '#1d4a78', open: '#2f8cff', overdue: '#ff9f1a', urgent: '#ff3b3b' };
const fillOpacity = { none: 0.28, open: 0.55, overdue: 0.7, urgent: 0.8 };

// Line widths scale with the screen: 1 px on a 4K wall is invisible from across the room.
const px = n => n * Math.max(1, window.innerHeight / 1080);

// The 专项任务 layer's bands (CampaignBands in Core): from not reported (grey) to done (green).
const layerFills = { none: '#3a4656', empty: '#5f7d8c', low: '#e5484d', mid: '#f5a524', high: '#7cc95a', done: '#18b368', outside: '#10243a' };

function gridStyle(state, band) {
  const level = state?.level ?? 'none';
  const layered = band !== undefined && band !== null;
  return {
    fillColor: layered ? (layerFills[band] ?? layerFills.none) : (fills[level] ?? fills.none),
    fillOpacity: layered ? (band === 'outside' ? 0.15 : band === 'none' ? 0.35 : 0.78) : (fillOpacity[level] ?? 0.3),
    // Patrol overlay: a grid visited today gets a bright green edge, one not yet visited a dim dashed one.
    color: state?.patrolled ? '#39e58c' : '#6f8fb0',
    weight: state?.patrolled ? px(2.2) : px(1),
    opacity: state?.patrolled ? 0.95 : 0.55,
    dashArray: state?.patrolled ? null : `${px(3)} ${px(3)}`,
  };
}

async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

export async function create(element, options) {
  await loadLeaflet();
  const L = window.L;
  const map = L.map(element, {
    zoomControl: false, attributionControl: false, zoomSnap: 0.1,
    dragging: false, scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false,
  });
  if (options.baseLayerUrl) L.tileLayer(options.baseLayerUrl, { maxZoom: 19 }).addTo(map);
  const instance = { map, element, grids: new Map(), regions: new Map(), states: {}, layer: null, markers: [], workers: L.layerGroup().addTo(map), focus: null };

  const grids = await fetchJson(options.gridsUrl);
  const layer = L.geoJSON(grids, {
    style: () => ({ ...gridStyle(null), className: 'cc-grid' }),
    onEachFeature: (feature, path) => {
      const code = feature.properties?.code;
      if (code) instance.grids.set(code, path);
    },
  });
  // The view must exist before layers are added, or Leaflet defers drawing them.
  instance.bounds = layer.getBounds();
  if (instance.bounds.isValid()) fit(instance); else map.setView([31.02, 119.91], 13);
  layer.addTo(map);
  for (const [code, path] of instance.grids) {
    const el = path.getElement();
    if (el) { el.setAttribute('data-code', code); el.setAttribute('data-level', 'none'); }
  }
  // Outlines of 村居 and 片区 above the grids; optional: the map works without them.
  for (const [url, cls, weight, color, opacity] of [[options.communitiesUrl, 'cc-community', 1.4, '#8aa4c2', 0.5], [options.regionsUrl, 'cc-region', 3, '#7fd4ff', 0.9]]) {
    if (!url) continue;
    try {
      const outlines = await fetchJson(url);
      L.geoJSON(outlines, {
        interactive: false, style: { fill: false, color, weight: px(weight), opacity, className: cls },
        onEachFeature: (feature, path) => { if (cls === 'cc-region' && feature.properties?.code) instance.regions.set(feature.properties.code, path); },
      }).addTo(map);
    } catch (e) { console.warn('map outline', e); }
  }
  instance.resize = new ResizeObserver(() => { map.invalidateSize(false); if (instance.focus) applyFocus(instance); else fit(instance); });
  instance.resize.observe(element);
  element.setAttribute('data-ready', 'true');
  return instance;
}

function fit(instance) {
  if (instance.bounds?.isValid()) instance.map.fitBounds(instance.bounds, { padding: [12, 12] });
}

// Live updates come as JSON text (Map.razor.cs serialises them with one process-wide serialiser, so no circuit
// keeps serialiser metadata of its own for them).
const parsed = (value) => (typeof value === 'string' ? JSON.parse(value) : value);

/** states: { code: { level, open, overdue, urgent, patrolled } } — only the grids that changed. */
export function setGridStates(instance, states) {
  states = parsed(states);
  for (const [code, state] of Object.entries(states)) {
    instance.states[code] = state;
    const path = instance.grids.get(code);
    if (!path) continue;
    path.setStyle(gridStyle(state, bandOf(instance, code)));
    const el = path.getElement();
    if (el) {
      el.setAttribute('data-level', state.level);
      el.setAttribute('data-patrolled', state.patrolled ? 'true' : 'false');
    }
  }
}

function bandOf(instance, code) {
  if (!instance.layer) return null;
  return instance.layer[code] ?? 'outside';
}

/** bands: { code: band } for a thematic layer (grids outside it are dimmed), or null for the normal map. */
export function setLayer(instance, bands) {
  instance.layer = bands ?? null;
  for (const [code, path] of instance.grids) {
    const band = bandOf(instance, code);
    path.setStyle(gridStyle(instance.states[code], band));
    const el = path.getElement();
    if (el) { if (band) el.setAttribute('data-band', band); else el.removeAttribute('data-band'); }
  }
  instance.element.setAttribute('data-layer', bands ? 'campaign' : '');
}

/** New cases, oldest first: one pulsing marker each (see addMarker). */
export function addMarkers(instance, markers) {
  for (const marker of parsed(markers)) addMarker(instance, marker);
}

/** A new case: a pulsing marker at its position (or its grid's centre) that fades after a while. */
function addMarker(instance, marker) {
  const L = window.L;
  let at = marker.lat != null && marker.lon != null ? [marker.lat, marker.lon] : null;
  if (!at && marker.gridCode && instance.grids.has(marker.gridCode)) at = instance.grids.get(marker.gridCode).getBounds().getCenter();
  if (!at) return;
  const icon = L.divIcon({
    className: `cc-pulse cc-pulse-p${marker.priority}`,
    html: '<span class="ring"></span><span class="dot"></span>',
    iconSize: [pulseSize(), pulseSize()],
  });
  const m = L.marker(at, { icon, interactive: false, keyboard: false }).addTo(instance.map);
  m.getElement()?.setAttribute('data-case', String(marker.id));
  instance.markers.push(m);
  while (instance.markers.length > 30) instance.markers.shift().remove();
  setTimeout(() => { m.remove(); instance.markers = instance.markers.filter(x => x !== m); }, marker.ttlMs ?? 120000);
}

// Scale with the screen: a 4K wall at 1:1 pixels needs twice the marker of a 1080p one.
function pulseSize() { return Math.round(Math.max(24, window.innerHeight / 36)); }

/** Grid workers on duty: small dots at their last known position. */
export function setWorkers(instance, workers) {
  workers = parsed(workers);
  const L = window.L;
  instance.workers.clearLayers();
  for (const w of workers) {
    let at = w.lat != null && w.lon != null ? [w.lat, w.lon] : null;
    if (!at && w.gridCode && instance.grids.has(w.gridCode)) at = instance.grids.get(w.gridCode).getBounds().getCenter();
    if (!at) continue;
    L.circleMarker(at, { radius: Math.max(4, window.innerHeight / 240), color: '#0b1a2c', weight: 1, fillColor: '#46f0ff', fillOpacity: 0.95, className: 'cc-worker' })
      .addTo(instance.workers);
  }
}

/** A desk command: look at a grid, a 片区 or a point (a spotlighted case); null returns to the whole area. */
export function focus(instance, target) {
  clearFocus(instance);
  instance.focus = target;
  if (target) applyFocus(instance); else fit(instance);
  instance.element.setAttribute('data-focus', !target ? '' : target.caseId ? `case-${target.caseId}` : (target.gridCode ?? target.regionCode ?? ''));
}

function clearFocus(instance) {
  instance.focusLayer?.remove();
  instance.focusLayer = null;
}

function applyFocus(instance) {
  const L = window.L;
  const t = instance.focus;
  clearFocus(instance);
  const group = L.layerGroup();
  const path = t.gridCode ? instance.grids.get(t.gridCode) : t.regionCode ? instance.regions.get(t.regionCode) : null;
  // A spotlighted case with a position is framed on the point (its grid still outlined) at a street-level
  // zoom that keeps the neighbourhood in view; a grid or 片区 is framed whole.
  let bounds = path && !(t.caseId && t.lat != null) ? path.getBounds() : null;
  if (path) {
    L.geoJSON(path.toGeoJSON(), { interactive: false, style: { fill: false, color: '#ffd166', weight: px(4), opacity: 1, className: 'cc-focus' } }).addTo(group);
  }
  if (t.lat != null && t.lon != null) {
    const icon = L.divIcon({ className: 'cc-pulse cc-pulse-p1 cc-spot', html: '<span class="ring"></span><span class="dot"></span>', iconSize: [pulseSize() * 1.6, pulseSize() * 1.6] });
    L.marker([t.lat, t.lon], { icon, interactive: false, keyboard: false }).addTo(group);
    const at = L.latLng(t.lat, t.lon);
    bounds = bounds ? bounds.extend(at) : L.latLngBounds(at, at);
  }
  group.addTo(instance.map);
  instance.focusLayer = group;
  if (!bounds?.isValid()) { fit(instance); return; }
  // The overlay panel covers the right third of the map: keep what is focused in the free part.
  const pad = instance.element.clientWidth * 0.38;
  instance.map.fitBounds(bounds, { paddingTopLeft: [24, 24], paddingBottomRight: [pad, 24], maxZoom: t.caseId ? 15 : t.gridCode ? 16 : 15 });
}

export function dispose(instance) {
  instance.resize?.disconnect();
  instance.map.remove();
}
