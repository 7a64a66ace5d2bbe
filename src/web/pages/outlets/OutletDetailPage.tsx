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
  const { t, locale } = useI18n();
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
      <BackLink href="/outlets" label={t('nav.outlets')} />
      {search.get('saved') && (
        <p className="alert alert-ok" role="status">
          {t('common.saved')}
        </p>
      )}
      <PageHeader
        title={o.name}
        subtitle={`${chainName(o.chainCode)} · ${o.storeCode}${o.archived ? ` · ${t('common.archived')}` : ''}`}
        testId="outlet-title"
      >
        {can.writeOutlets(me) && !o.archived && (
          <>
            <ButtonLink href={`/outlets/${o.id}/edit`} primary>
              {t('common.edit')}
            </ButtonLink>
            <button
              type="button"
              className="btn btn-danger"
              disabled={archive.isPending}
              onClick={() => window.confirm(t('outlet.archiveConfirm')) && archive.mutate()}
            >
              {t('common.archive')}
            </button>
          </>
        )}
      </PageHeader>
      {archive.error && <Problem error={archive.error} />}
      <Facts
        rows={[
          [t('outlet.chain'), chainName(o.chainCode)],
          [
            t('outlet.storeCode'),
            <span key="c" className="mono">
              {o.storeCode}
            </span>,
          ],
          [t('outlet.address'), o.address],
          [t('region.district'), <RegionName key="d" code={o.districtCode} />],
          [t('location.zone'), `${zone.label} (${zone.tz})`],
          [t('location.localTime'), formatNowIn(o.districtCode, locale)],
          [t('location.title'), `${o.lat}, ${o.lon}`],
          [t('outlet.localSlots'), String(o.localSlots)],
          [t('outlet.acceptsPerishable'), o.acceptsPerishable ? t('common.yes') : t('common.no')],
        ]}
      />
      <MapToggle points={[{ id: o.id, lat: o.lat, lon: o.lon, label: o.name, kind: 'outlet' }]} />
    </section>
  );
}
