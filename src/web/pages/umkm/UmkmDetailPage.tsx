// One UMKM: who and where (with its village, zone and a map), capacity, its products; edit for who may.
// A chain without a reason to see the owner's personal data reads "tidak ditampilkan" in those rows.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api.ts';
import { MapToggle } from '../../components/MapToggle.tsx';
import { RegionName } from '../../components/RegionPicker.tsx';
import { BackLink, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { zoneOf } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, useLocation } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Umkm } from '../../types.ts';

export const umkmKey = (id: string) => ['umkm', 'one', id] as const;

export default function UmkmDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const me = useUser();
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { query: search } = useLocation();
  const q = useQuery({ queryKey: umkmKey(id), queryFn: () => api.get<Umkm>(`/api/umkm/${id}`) });
  const archive = useMutation({
    mutationFn: () => api.post<Umkm>(`/api/umkm/${id}/archive`),
    onSuccess: (u) => {
      qc.setQueryData(umkmKey(id), u);
      qc.invalidateQueries({ queryKey: ['umkm'] });
    },
  });

  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const u = q.data;
  const own = me.role === 'umkm';
  const zone = zoneOf(u.provinceCode);
  const nf = new Intl.NumberFormat(locale);
  const withheld = (
    <span key="withheld" className="muted">
      {t('umkm.withheld')}
    </span>
  );

  return (
    <section className="page">
      {!own && <BackLink href="/umkm" label={t('nav.umkm')} />}
      {search.get('saved') && (
        <p className="alert alert-ok" role="status">
          {t('common.saved')}
        </p>
      )}
      <PageHeader title={u.name} subtitle={u.archived ? t('common.archived') : (u.ownerName ?? undefined)} testId="umkm-detail-title">
        {can.editUmkm(me, u.id) && !u.archived && (
          <ButtonLink href={`/umkm/${u.id}/edit`} primary>
            {t('common.edit')}
          </ButtonLink>
        )}
        {can.archiveUmkm(me) && !u.archived && (
          <button
            type="button"
            className="btn btn-danger"
            disabled={archive.isPending}
            onClick={() => window.confirm(t('umkm.archiveConfirm')) && archive.mutate()}
          >
            {t('common.archive')}
          </button>
        )}
      </PageHeader>
      {archive.error && <Problem error={archive.error} />}
      {!u.personalData && (
        <p className="alert" role="note" data-testid="umkm-withheld">
          {t('umkm.withheldNote')}
        </p>
      )}
      <Facts
        rows={[
          [
            t('umkm.nib'),
            !u.personalData ? (
              withheld
            ) : u.nib ? (
              <span key="nib" className="mono">
                {u.nib}
              </span>
            ) : (
              t('umkm.noNib')
            ),
          ],
          [t('umkm.owner'), u.ownerName ?? withheld],
          [
            t('umkm.phone'),
            !u.personalData ? (
              withheld
            ) : u.phone ? (
              <a key="tel" href={`tel:${u.phone}`}>
                {u.phone}
              </a>
            ) : (
              '—'
            ),
          ],
          [t('umkm.address'), u.address ?? withheld],
          [t('region.village'), u.villageCode ? <RegionName key="v" code={u.villageCode} /> : withheld],
          [t('region.district'), <RegionName key="d" code={u.districtCode} />],
          [t('location.zone'), `${zone.label} (${zone.tz})`],
          [t('location.title'), u.lat !== null && u.lon !== null ? `${u.lat}, ${u.lon}` : withheld],
          [t('umkm.weeklyCapacity'), nf.format(u.weeklyCapacity)],
        ]}
      />
      {u.lat !== null && u.lon !== null && <MapToggle points={[{ id: u.id, lat: u.lat, lon: u.lon, label: u.name, kind: 'umkm' }]} />}
      <h2>{t('nav.products')}</h2>
      <p>
        {t('umkm.productsCount', { n: nf.format(u.productCount) })}
        {' · '}
        <Link href={own ? '/products' : `/products?umkm=${u.id}`} data-testid="umkm-products-link">
          {t('umkm.seeProducts')}
        </Link>
      </p>
      {can.writeProducts(me) && !u.archived && (
        <ButtonLink href={own ? '/products/new' : `/products/new?umkm=${u.id}`}>{t('product.new')}</ButtonLink>
      )}
    </section>
  );
}
