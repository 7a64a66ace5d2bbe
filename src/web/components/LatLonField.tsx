// A location typed as latitude/longitude, taken from the phone's GPS, or tapped on the map (loaded on
// demand). The fields carry the API's names (lat, lon) so server errors land on them.
import { Suspense, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { Bilingual } from '../types.ts';
import { TextField } from './form.tsx';
import { lazyRetry } from './resilience.tsx';
import { Loading } from './ui.tsx';

const MapView = lazyRetry(() => import('../map/MapView.tsx'));

export function LatLonField(props: {
  lat: string;
  lon: string;
  onChange: (lat: string, lon: string) => void;
  err: (name: 'lat' | 'lon') => Bilingual | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [gpsError, setGpsError] = useState(false);
  const lat = Number(props.lat);
  const lon = Number(props.lon);
  const valid = props.lat !== '' && props.lon !== '' && Number.isFinite(lat) && Number.isFinite(lon);

  const gps = () => {
    setGpsError(false);
    navigator.geolocation?.getCurrentPosition(
      (p) => props.onChange(p.coords.latitude.toFixed(6), p.coords.longitude.toFixed(6)),
      () => setGpsError(true),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  return (
    <fieldset className="field location">
      <legend>{t('Lokasi (titik koordinat)', 'Location (coordinates)')}</legend>
      <div className="row">
        <TextField
          name="lat"
          label={t('Lintang (lat)', 'Latitude')}
          value={props.lat}
          inputMode="decimal"
          onChange={(v) => props.onChange(v, props.lon)}
          error={props.err('lat')}
        />
        <TextField
          name="lon"
          label={t('Bujur (lon)', 'Longitude')}
          value={props.lon}
          inputMode="decimal"
          onChange={(v) => props.onChange(props.lat, v)}
          error={props.err('lon')}
        />
      </div>
      <div className="actions">
        <button type="button" className="btn" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="toggle-map-picker">
          {open ? t('Tutup peta', 'Close the map') : t('Pilih di peta', 'Pick on the map')}
        </button>
        {'geolocation' in navigator && (
          <button type="button" className="btn" onClick={gps}>
            {t('Pakai lokasi saya', 'Use my location')}
          </button>
        )}
      </div>
      {gpsError && (
        <p className="field-error">
          {t(
            'Lokasi tidak dapat dibaca. Ketik koordinat atau pilih di peta.',
            'Could not read the location. Type the coordinates or pick them on the map.',
          )}
        </p>
      )}
      {open && (
        <Suspense fallback={<Loading />}>
          <p className="hint">{t('Ketuk peta untuk menaruh titik.', 'Tap the map to place the point.')}</p>
          <MapView
            label={t('Lokasi (titik koordinat)', 'Location (coordinates)')}
            pick={valid ? { lat, lon } : null}
            onPick={(a, b) => props.onChange(String(a), String(b))}
          />
        </Suspense>
      )}
    </fieldset>
  );
}
