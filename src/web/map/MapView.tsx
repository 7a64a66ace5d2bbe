// The map, loaded only when a page shows one (Leaflet and the coastline are a separate chunk). No tile
// server is reachable offline, so the background is Natural Earth land from world-atlas drawn as GeoJSON,
// with outlets and UMKM as circles and a metric scale bar. Tiles are added only when the server says
// which tile URL to use (GET /api/config → {tileUrl}); without that answer the map stays offline.
import 'leaflet/dist/leaflet.css';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landUrl from 'world-atlas/land-50m.json?url';
import { useI18n } from '../i18n.tsx';

export interface MapPoint {
  id: string;
  lat: number;
  lon: number;
  label: string;
  kind: 'outlet' | 'umkm';
  onSelect?: () => void;
}

export interface MapViewProps {
  points?: MapPoint[];
  /** The point being chosen in a form. */
  pick?: { lat: number; lon: number } | null;
  onPick?: (lat: number, lon: number) => void;
  label: string;
  height?: number;
}

const INDONESIA: L.LatLngBoundsExpression = [
  [-11, 95],
  [6, 141],
];
const COLORS = { outlet: '#1d4ed8', umkm: '#c2410c', pick: '#b91c1c' };

type Ring = GeoJSON.Position[];

/** A polygon that wraps the antimeridian (Afro-Eurasia through Chukotka, Fiji) has points jumping from +180
 *  to -180; Leaflet would draw that jump as a line across the map. Shift the points just west of the
 *  antimeridian by 360° (not Africa's and Europe's, which are west of Greenwich but nowhere near it). */
function unwrap(poly: Ring[]): Ring[] {
  const jumps = poly.some((ring) => ring.some((p, i) => i > 0 && Math.abs((p[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)) > 180));
  if (!jumps) return poly;
  return poly.map((ring) => ring.map(([lon = 0, lat = 0]) => [lon < -90 ? lon + 360 : lon, lat]));
}

/** Only the land around the archipelago: less to draw on a cheap phone. */
function nearIndonesia(poly: Ring[]): boolean {
  let minLon = 360;
  let maxLon = -180;
  let minLat = 90;
  let maxLat = -90;
  for (const [lon = 0, lat = 0] of poly[0] ?? []) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  return maxLon >= 70 && minLon <= 170 && maxLat >= -45 && minLat <= 35;
}

let landOnce: Promise<GeoJSON.GeoJsonObject> | null = null;
function loadLand(): Promise<GeoJSON.GeoJsonObject> {
  landOnce ??= fetch(landUrl)
    .then((r) => r.json() as Promise<Topology<{ land: GeometryCollection }>>)
    .then((topo) => {
      const land = feature(topo, topo.objects.land) as GeoJSON.FeatureCollection | GeoJSON.Feature;
      const features = land.type === 'FeatureCollection' ? land.features : [land];
      const polygons: Ring[][] = [];
      for (const f of features) {
        if (f.geometry?.type === 'Polygon') polygons.push(f.geometry.coordinates);
        else if (f.geometry?.type === 'MultiPolygon') polygons.push(...f.geometry.coordinates);
      }
      return { type: 'MultiPolygon', coordinates: polygons.map(unwrap).filter(nearIndonesia) } as GeoJSON.MultiPolygon;
    });
  return landOnce;
}

async function tileUrl(): Promise<string | null> {
  try {
    const r = await fetch('/api/config', { credentials: 'same-origin' });
    if (!r.ok) return null;
    const cfg = (await r.json()) as { tileUrl?: string | null };
    return cfg.tileUrl || null;
  } catch {
    return null;
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Leaflet puts a string tooltip in as HTML; names come from users, so they go in as text. */
function textLabel(text: string): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  return span;
}

export default function MapView({ points = [], pick = null, onPick, label, height = 320 }: MapViewProps) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;

  useEffect(() => {
    if (!el.current) return;
    const m = L.map(el.current, { zoomSnap: 0.5, minZoom: 3, maxZoom: 17, preferCanvas: true, worldCopyJump: false });
    m.fitBounds(INDONESIA);
    m.attributionControl.setPrefix(false);
    m.attributionControl.addAttribution('Natural Earth · world-atlas');
    L.control.scale({ imperial: false, maxWidth: 120 }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    m.on('click', (e: L.LeafletMouseEvent) => pickRef.current?.(round6(e.latlng.lat), round6(e.latlng.lng)));
    map.current = m;
    let alive = true;
    loadLand().then((land) => {
      if (!alive) return;
      L.geoJSON(land, { interactive: false, style: { color: '#7c8b7c', weight: 0.8, fillColor: '#f3efe2', fillOpacity: 1 } })
        .addTo(m)
        .bringToBack();
    });
    tileUrl().then((url) => {
      if (alive && url) L.tileLayer(url, { maxZoom: 19, attribution: '© OpenStreetMap' }).addTo(m);
    });
    // The container may just have been revealed; let Leaflet measure it again.
    const t = setTimeout(() => m.invalidateSize(), 0);
    return () => {
      alive = false;
      clearTimeout(t);
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    const bounds: L.LatLngTuple[] = [];
    for (const p of points) {
      const c = L.circleMarker([p.lat, p.lon], { radius: 8, color: '#fff', weight: 2, fillColor: COLORS[p.kind], fillOpacity: 0.9 });
      c.bindTooltip(textLabel(p.label));
      if (p.onSelect) c.on('click', p.onSelect);
      c.addTo(g);
      bounds.push([p.lat, p.lon]);
    }
    if (pick) {
      L.circleMarker([pick.lat, pick.lon], { radius: 10, color: '#fff', weight: 3, fillColor: COLORS.pick, fillOpacity: 1 }).addTo(g);
      bounds.push([pick.lat, pick.lon]);
    }
    if (bounds.length === 1) m.setView(bounds[0] as L.LatLngTuple, Math.max(m.getZoom(), 10));
    else if (bounds.length > 1) m.fitBounds(L.latLngBounds(bounds).pad(0.2), { maxZoom: 13 });
  }, [points, pick]);

  return (
    <figure className="map-figure">
      <div ref={el} className="map" style={{ height }} role="img" aria-label={label} data-testid="map" />
      <MapLegend kinds={[...new Set(points.map((p) => p.kind)), ...(onPick ? (['pick'] as const) : [])]} />
    </figure>
  );
}

const LEGEND = {
  outlet: { id: 'Gerai', en: 'Outlet' },
  umkm: { id: 'UMKM', en: 'UMKM' },
  pick: { id: 'Titik yang dipilih (ketuk peta untuk memindahkan)', en: 'Chosen point (tap the map to move it)' },
} as const;

/** What the colours mean, under the map (a map without a legend is a puzzle). */
function MapLegend({ kinds }: { kinds: (keyof typeof COLORS)[] }) {
  const { tx } = useI18n();
  if (kinds.length === 0) return null;
  return (
    <figcaption className="map-legend" data-testid="map-legend">
      {kinds.map((k) => (
        <span key={k}>
          <span className="map-dot" style={{ background: COLORS[k] }} aria-hidden="true" /> {tx(LEGEND[k])}
        </span>
      ))}
    </figcaption>
  );
}
