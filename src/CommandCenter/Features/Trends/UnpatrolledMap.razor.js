// The 未巡查 layer of /trends: Leaflet grid polygons (no tile server), grids nobody patrolled for N days in red.
import { loadLeaflet } from '../../js/leaflet-loader.js';

const RED = '#d93025', OK = '#dff3e8';

export async function create(element, options) {
  await loadLeaflet();
  const L = window.L;
  const map = L.map(element, { attributionControl: false, zoomSnap: 0.25, scrollWheelZoom: false, keyboard: false });
  const response = await fetch(options.gridsUrl, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${options.gridsUrl}: HTTP ${response.status}`);
  const geometry = await response.json();
  const instance = { map, paths: new Map() };
  const layer = L.geoJSON(geometry, {
    style: () => ({ color: '#8a99a8', weight: 0.8, fillOpacity: 0.85, fillColor: OK }),
    onEachFeature: (feature, path) => {
      const code = feature.properties?.code;
      if (code) instance.paths.set(code, { path, name: feature.properties?.name ?? code });
    },
  });
  const bounds = layer.getBounds();
  const fit = () => { if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false }); else map.setView([31.02, 119.91], 13, { animate: false }); };
  fit();
  layer.addTo(map);
  // Once more after the browser has laid the page out (charts above may still be growing).
  requestAnimationFrame(() => { map.invalidateSize(false); fit(); });
  instance.observer = new ResizeObserver(() => { map.invalidateSize(false); fit(); });
  instance.observer.observe(element);
  setRed(instance, options.red);
  return instance;
}

export function setRed(instance, red) {
  for (const [code, { path, name }] of instance.paths) {
    const text = red[code];
    path.setStyle({ fillColor: text ? RED : OK, fillOpacity: text ? 0.8 : 0.6 });
    path.unbindTooltip();
    path.bindTooltip(text ? `${name}：${text}` : `${name}：近期已巡查`, { sticky: true });
    const el = path.getElement();
    if (el) { el.setAttribute('data-code', code); el.setAttribute('data-unpatrolled', text ? 'true' : 'false'); }
  }
  instance.map.getContainer().dataset.ready = 'true';
}

export function dispose(instance) {
  instance.observer?.disconnect();
  instance.map.remove();
}
