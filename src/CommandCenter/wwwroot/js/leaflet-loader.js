// The one Leaflet loader: every map module (wall, case page, trends heat map) imports this, so the
// library and its stylesheet are fetched once per page whichever map comes first.
import { loadScript } from './load-script.js';

export const loadLeaflet = () => loadScript('lib/leaflet/leaflet.js', () => !!window.L, 'lib/leaflet/leaflet.css');
