// One outlet: chain, store code, district and its time zone, local-product shelf slots, a map.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { MapToggle } from '../../components/MapToggle.tsx';
import { RegionName } from '../../components/RegionPicker.tsx';
import { BackLink, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { formatNowIn, zoneOf } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { useLocation } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Outlet } from '../../types.ts';
import { chainName } from './chains.ts';

export const outletKey = (id: string) => ['outlets', 'one', id] as const;

export default function OutletDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const me = useUser();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const { query: search } = useLocation();
  const q = useQuery({ queryKey: outletKey(id), queryFn: () => api.get<Outlet>(`/api/outlets/${id}`) });
  const archive = useMutation({
    mutationFn: () => api.post<Outlet>(`/api/outlets/${id}/archive`),
    onSuccess: (o) => {
      qc.setQueryData(outletKey(id), o);
      qc.invalidateQueries({ queryKey: ['outlets'] });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const o = q.data;
  const zone = zoneOf(o.districtCode);
  return (
    <section className="page">
      <BackLink href="/outlets" label={t('Gerai', 'Outlets')} />
      {search.get('saved') && (
        <p className="alert alert-ok" role="status">
          {t('Tersimpan.', 'Saved.')}
        </p>
      )}
      <PageHeader
        title={o.name}
        subtitle={`${chainName(o.chainCode)} · ${o.storeCode}${o.archived ? ` · ${t('Diarsipkan', 'Archived')}` : ''}`}
        testId="outlet-title"
      >
        {can.writeOutlets(me) && !o.archived && (
          <>
            <ButtonLink href={`/outlets/${o.id}/edit`} primary>
              {t('Ubah', 'Edit')}
            </ButtonLink>
            <button
              type="button"
              className="btn btn-danger"
              disabled={archive.isPending}
              onClick={() => window.confirm(t('Arsipkan gerai ini?', 'Archive this outlet?')) && archive.mutate()}
            >
              {t('Arsipkan', 'Archive')}
            </button>
          </>
        )}
      </PageHeader>
      {archive.error && <Problem error={archive.error} />}
      <Facts
        rows={[
          [t('Jaringan ritel', 'Retail chain'), chainName(o.chainCode)],
          [
            t('Kode toko', 'Store code'),
            <span key="c" className="mono">
              {o.storeCode}
            </span>,
          ],
          [t('Alamat gerai', 'Outlet address'), o.address],
          [t('Kecamatan', 'District (kecamatan)'), <RegionName key="d" code={o.districtCode} />],
          [t('Zona waktu', 'Time zone'), `${zone.label} (${zone.tz})`],
          [t('Waktu setempat', 'Local time'), formatNowIn(o.districtCode, lang)],
          [t('Lokasi (titik koordinat)', 'Location (coordinates)'), `${o.lat}, ${o.lon}`],
          [t('Slot rak produk lokal', 'Local-product shelf slots'), String(o.localSlots)],
          [t('Menerima makanan basah', 'Takes wet food'), o.acceptsPerishable ? t('Ya', 'Yes') : t('Tidak', 'No')],
        ]}
      />
      <MapToggle points={[{ id: o.id, lat: o.lat, lon: o.lon, label: o.name, kind: 'outlet' }]} />
    </section>
  );
}
