// A small Leaflet map for one case (its point and grid outline) or for picking a point when registering.
// Leaflet comes from wwwroot/lib/leaflet (copied from npm at build) through the shared loader.

import { loadLeaflet } from '../../js/leaflet-loader.js';

export async function create(element, options, dotnet) {
    await loadLeaflet();
    const L = window.L;
    // Vector layers need a view before they are added; start at the county seat.
    const map = L.map(element, { zoomControl: true, attributionControl: false }).setView([31.02, 119.91], 13);
    if (options.tileUrl) L.tileLayer(options.tileUrl, { maxZoom: 19 }).addTo(map);
    let gridLayer = null, marker = null, allGrids = null;

    const api = {
        show(gridGeoJson, lon, lat) {
            gridLayer?.remove();
            marker?.remove();
            gridLayer = null; marker = null;
            if (gridGeoJson) {
                gridLayer = L.geoJSON(JSON.parse(gridGeoJson), { style: { color: '#1565c0', weight: 2, fillOpacity: 0.08 } }).addTo(map);
            }
            if (lon != null && lat != null) {
                marker = L.circleMarker([lat, lon], { radius: 8, color: '#c62828', fillColor: '#e53935', fillOpacity: 0.9 }).addTo(map);
            }
            // Picking a point keeps the officer's own zoom; a case's map frames its grid (or its point).
            if (allGrids) return;
            const bounds = gridLayer?.getBounds();
            if (bounds && bounds.isValid()) map.fitBounds(bounds.pad(0.3));
            else if (marker) map.setView(marker.getLatLng(), 16);
        },
        showAllGrids(featureCollection) {
            allGrids?.remove();
            allGrids = L.geoJSON(JSON.parse(featureCollection), {
                style: { color: '#607d8b', weight: 1, fillOpacity: 0.03 },
                interactive: false,
            }).addTo(map);
            if (allGrids.getBounds().isValid()) map.fitBounds(allGrids.getBounds());
        },
        dispose() { map.remove(); },
    };
    if (options.pick) {
        map.on('click', e => {
            dotnet?.invokeMethodAsync('OnPickedAt', e.latlng.lng, e.latlng.lat);
        });
        element.style.cursor = 'crosshair';
    }
    // The container may have been sized after creation (flex layout): measure again.
    setTimeout(() => map.invalidateSize(), 50);
    return api;
}

export function show(instance, gridGeoJson, lon, lat) { instance.show(gridGeoJson, lon, lat); }

export function showAllGrids(instance, featureCollection) { instance.showAllGrids(featureCollection); }

export function dispose(instance) { instance?.dispose(); }
