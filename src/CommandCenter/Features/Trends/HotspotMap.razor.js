// The trends heat layer: Leaflet grid polygons (no tile server) filled by this week's case count.
import { loadLeaflet } from '../../js/leaflet-loader.js';


async function fetchJson(url) {
  const response = await fetch(url, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// White to deep red by share of the busiest grid; grids without cases stay pale grey.
function heatColour(count, max) {
  if (!count) return '#f4f6f8';
  const t = Math.sqrt(count / Math.max(1, max));
  const lerp = (a, b) => Math.round(a + (b - a) * t);
  return `rgb(${lerp(255, 178)}, ${lerp(230, 24)}, ${lerp(200, 30)})`;
}

export async function create(element, options) {
  await loadLeaflet();
  const L = window.L;
  const still = options.isStatic;
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25, zoomControl: !still, dragging: !still,
    scrollWheelZoom: false, doubleClickZoom: !still, keyboard: false,
    // A printed map must be complete when the page is captured: no zoom or fade animation in flight.
    zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still });
  const geometry = await fetchJson(options.gridsUrl);
  const instance = { map, paths: new Map(), labels: L.layerGroup() };
  const layer = L.geoJSON(geometry, {
    style: () => ({ color: '#8a99a8', weight: 0.8, fillOpacity: 0.85, fillColor: '#f4f6f8' }),
    onEachFeature: (feature, path) => {
      const code = feature.properties?.code;
      if (code) instance.paths.set(code, path);
    },
  });
  const bounds = layer.getBounds();
  const fit = () => { if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false }); else map.setView([31.02, 119.91], 13, { animate: false }); };
  fit();
  layer.addTo(map);
  instance.labels.addTo(map);
  instance.observer = new ResizeObserver(() => { map.invalidateSize(false); fit(); });
  instance.observer.observe(element);
  await setHeat(instance, options.heatUrl);
  return instance;
}

export async function setHeat(instance, heatUrl) {
  const L = window.L;
  // Drilling down quickly sends several URLs: only the newest may paint, whichever answer comes last.
  const ticket = (instance.ticket = (instance.ticket ?? 0) + 1);
  const heat = await fetchJson(heatUrl);
  if (ticket !== instance.ticket) return;
  const max = Math.max(0, ...Object.values(heat).map(h => h.count));
  instance.labels.clearLayers();
  for (const [code, path] of instance.paths) {
    const h = heat[code];
    path.setStyle({ fillColor: heatColour(h?.count ?? 0, max) });
    path.unbindTooltip();
    if (h) path.bindTooltip(`${h.name}：${h.count} 件`, { sticky: true });
    const el = path.getElement();
    if (el) { el.setAttribute('data-code', code); el.setAttribute('data-count', String(h?.count ?? 0)); }
    if (h && h.count > 0 && h.rank <= 10) {
      instance.labels.addLayer(L.marker(path.getBounds().getCenter(), {
        interactive: false,
        icon: L.divIcon({ className: 'hot-rank', html: `<span>${h.rank}</span>`, iconSize: [20, 20] }),
      }));
    }
  }
}

export function dispose(instance) {
  instance.observer?.disconnect();
  instance.map.remove();
}
