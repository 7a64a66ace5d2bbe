// "Show on map" for list and detail pages: the map chunk is fetched only when asked for.
import { Suspense, useState } from 'react';
import { useI18n } from '../i18n.tsx';
import type { MapPoint } from '../map/MapView.tsx';
import { lazyRetry } from './resilience.tsx';
import { Loading } from './ui.tsx';

const MapView = lazyRetry(() => import('../map/MapView.tsx'));

export function MapToggle({ points, initiallyOpen = false }: { points: MapPoint[]; initiallyOpen?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(initiallyOpen);
  return (
    <div className="map-toggle">
      <button type="button" className="btn" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="toggle-map">
        {open ? t('Sembunyikan peta', 'Hide map') : t('Tampilkan peta', 'Show map')}
      </button>
      {open && (
        <Suspense fallback={<Loading />}>
          <MapView points={points} label={t('Peta lokasi', 'Map of locations')} />
        </Suspense>
      )}
    </div>
  );
}
