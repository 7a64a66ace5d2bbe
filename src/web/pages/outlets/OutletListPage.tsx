// Outlets (gerai): a chain sees only its own, a Dinas those in its region, an admin all.
import { useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { ListBody, SearchBox, useListParams } from '../../components/list.tsx';
import { MapToggle } from '../../components/MapToggle.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { Badge, ButtonLink, PageHeader } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';
import { Link, navigate } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Outlet } from '../../types.ts';
import { CHAIN_OPTIONS, chainName } from './chains.ts';

export default function OutletListPage() {
  const me = useUser();
  const { t } = useI18n();
  const lp = useListParams();
  const chainCode = lp.get('chain');
  const perishable = lp.get('perishable');
  const params = { q: lp.q, regionCode: lp.region, chainCode, acceptsPerishable: perishable, limit: lp.limit, offset: lp.offset };
  const query = useQuery({ queryKey: ['outlets', params], queryFn: () => fetchPage<Outlet>('outlets', params) });
  const points = (query.data?.items ?? []).map((o) => ({
    id: o.id,
    lat: o.lat,
    lon: o.lon,
    label: `${chainName(o.chainCode)} ${o.storeCode} · ${o.name}`,
    kind: 'outlet' as const,
    onSelect: () => navigate(`/outlets/${o.id}`),
  }));

  return (
    <section className="page">
      <PageHeader title={t('Gerai', 'Outlets')} testId="outlets-title">
        {can.writeOutlets(me) && (
          <ButtonLink href="/outlets/new" primary>
            {t('Tambah gerai', 'Add outlet')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <SearchBox
          value={lp.q}
          onChange={(q) => lp.setFilter({ q })}
          label={t('Cari nama, kode toko atau alamat', 'Search name, store code or address')}
        />
        {me.role !== 'retailer' && (
          <SelectField
            name="chain"
            label={t('Jaringan ritel', 'Retail chain')}
            value={chainCode}
            placeholder={t('Semua', 'All')}
            options={CHAIN_OPTIONS}
            onChange={(v) => lp.setFilter({ chain: v })}
          />
        )}
        <SelectField
          name="perishable"
          label={t('Menerima makanan basah', 'Takes wet food')}
          value={perishable as 'true' | 'false' | ''}
          placeholder={t('Semua', 'All')}
          options={[
            ['true', t('Ya', 'Yes')],
            ['false', t('Tidak', 'No')],
          ]}
          onChange={(v) => lp.setFilter({ perishable: v })}
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
        testId="outlet-list"
        render={(o) => (
          <li key={o.id} className="card item">
            <Link href={`/outlets/${o.id}`} className="item-title" translate="no">
              {o.name}
            </Link>
            <p className="muted small">
              {chainName(o.chainCode)} · <span className="mono">{o.storeCode}</span> · {o.address}
            </p>
            <p className="item-meta">
              <span>{t('{n} slot lokal', '{n} local slots', { n: o.localSlots })}</span>
              {o.acceptsPerishable && <Badge tone="ok">{t('Makanan basah', 'Wet food')}</Badge>}
              {o.archived && <Badge tone="bad">{t('Diarsipkan', 'Archived')}</Badge>}
            </p>
          </li>
        )}
      />
    </section>
  );
}
