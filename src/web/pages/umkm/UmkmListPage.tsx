// UMKM the user may see: a Dinas its region's, a mentor its assignments, a chain all (read-only; the
// owner's personal data only of businesses in its curation or PKS — otherwise the district is shown).
import { useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../api.ts';
import { ListBody, SearchBox, useListParams } from '../../components/list.tsx';
import { MapToggle } from '../../components/MapToggle.tsx';
import { RegionName, RegionPicker } from '../../components/RegionPicker.tsx';
import { Badge, ButtonLink, PageHeader } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Umkm } from '../../types.ts';

export default function UmkmListPage() {
  const me = useUser();
  const { t, locale } = useI18n();
  const lp = useListParams();
  const params = { q: lp.q, regionCode: lp.region, limit: lp.limit, offset: lp.offset };
  const query = useQuery({ queryKey: ['umkm', params], queryFn: () => fetchPage<Umkm>('umkm', params) });
  const nf = new Intl.NumberFormat(locale);
  // A business whose exact location is withheld has no point on the map.
  const points = (query.data?.items ?? []).flatMap((u) =>
    u.lat === null || u.lon === null
      ? []
      : [{ id: u.id, lat: u.lat, lon: u.lon, label: u.name, kind: 'umkm' as const, onSelect: () => navigate(`/umkm/${u.id}`) }],
  );

  return (
    <section className="page">
      <PageHeader title={t(me.role === 'mentor' ? 'stat.assignedUmkm' : 'nav.umkm')} testId="umkm-title">
        {can.createUmkm(me) && (
          <ButtonLink href="/umkm/new" primary>
            {t('umkm.new')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <SearchBox value={lp.q} onChange={(q) => lp.setFilter({ q })} label={t('umkm.search')} />
        {can.filterByRegion(me) && (
          <RegionPicker
            name="region"
            label={t('region.filter')}
            depth="district"
            value={lp.region}
            lock={me.role === 'pemda' ? me.regionCode : null}
            onChange={(region) => lp.setFilter({ region })}
          />
        )}
      </div>
      {points.length > 0 && <MapToggle points={points} />}
      <ListBody
        query={query}
        page={lp.page}
        onPage={lp.setPage}
        empty={t('common.empty')}
        testId="umkm-list"
        render={(u) => (
          <li key={u.id} className="card item">
            <Link href={`/umkm/${u.id}`} className="item-title">
              {u.name}
            </Link>
            <p className="muted small">{u.personalData ? `${u.ownerName} · ${u.address}` : <RegionName code={u.districtCode} />}</p>
            <p className="item-meta">
              <span>{t('umkm.productsCount', { n: nf.format(u.productCount) })}</span>
              <span>{t('umkm.capacityShort', { n: nf.format(u.weeklyCapacity) })}</span>
              {u.personalData && (u.nib ? <Badge tone="ok">NIB</Badge> : <Badge>{t('umkm.noNib')}</Badge>)}
              {u.archived && <Badge tone="bad">{t('common.archived')}</Badge>}
            </p>
          </li>
        )}
      />
    </section>
  );
}
