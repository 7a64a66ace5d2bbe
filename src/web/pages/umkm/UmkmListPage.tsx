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
  const { t, tx, locale } = useI18n();
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
      <PageHeader
        title={tx(me.role === 'mentor' ? { id: 'UMKM dampingan', en: 'Assigned UMKM' } : { id: 'UMKM', en: 'UMKM' })}
        testId="umkm-title"
      >
        {can.createUmkm(me) && (
          <ButtonLink href="/umkm/new" primary>
            {t('Daftarkan UMKM', 'Register a UMKM')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <SearchBox
          value={lp.q}
          onChange={(q) => lp.setFilter({ q })}
          label={t('Cari nama UMKM atau pemilik', 'Search UMKM or owner name')}
        />
        {can.filterByRegion(me) && (
          <RegionPicker
            name="region"
            label={t('Wilayah', 'Region')}
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
        empty={t('Belum ada data.', 'Nothing here yet.')}
        testId="umkm-list"
        render={(u) => (
          <li key={u.id} className="card item">
            <Link href={`/umkm/${u.id}`} className="item-title" translate="no">
              {u.name}
            </Link>
            <p className="muted small">{u.personalData ? `${u.ownerName} · ${u.address}` : <RegionName code={u.districtCode} />}</p>
            <p className="item-meta">
              <span>{t('{n} produk', '{n} products', { n: nf.format(u.productCount) })}</span>
              <span>{t('{n}/minggu', '{n}/week', { n: nf.format(u.weeklyCapacity) })}</span>
              {u.personalData && (u.nib ? <Badge tone="ok">NIB</Badge> : <Badge>{t('Belum ada NIB', 'No NIB yet')}</Badge>)}
              {u.archived && <Badge tone="bad">{t('Diarsipkan', 'Archived')}</Badge>}
            </p>
          </li>
        )}
      />
    </section>
  );
}
