// Products: a UMKM owner sees its own; a Dinas its region's; a chain and a mentor read what they may.
import { useQuery } from '@tanstack/react-query';
import { fetchPage } from '../../api.ts';
import { SelectField } from '../../components/form.tsx';
import { ListBody, SearchBox, useListParams } from '../../components/list.tsx';
import { RegionPicker } from '../../components/RegionPicker.tsx';
import { Badge, ButtonLink, PageHeader } from '../../components/ui.tsx';
import { formatRupiah } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Product } from '../../types.ts';
import { categoryLabel, categoryOptions, unitLabel } from './vocab.ts';

export function ProductListPage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const lp = useListParams();
  const category = lp.get('category');
  const umkmId = lp.get('umkm');
  const params = { q: lp.q, regionCode: lp.region, category, umkmId, limit: lp.limit, offset: lp.offset };
  const query = useQuery({ queryKey: ['products', params], queryFn: () => fetchPage<Product>('products', params) });
  const own = me.role === 'umkm';

  return (
    <section className="page">
      <PageHeader title={tx(own ? { id: 'Produk Saya', en: 'My products' } : { id: 'Produk', en: 'Products' })} testId="products-title">
        {can.writeProducts(me) && (
          <ButtonLink href={umkmId ? `/products/new?umkm=${umkmId}` : '/products/new'} primary testId="new-product">
            {t('Tambah produk', 'Add product')}
          </ButtonLink>
        )}
      </PageHeader>
      <div className="filters">
        <SearchBox
          value={lp.q}
          onChange={(q) => lp.setFilter({ q })}
          label={t('Cari nama produk atau GTIN', 'Search product name or GTIN')}
        />
        <SelectField
          name="category"
          label={t('Kategori', 'Category')}
          value={category}
          placeholder={t('Semua', 'All')}
          options={categoryOptions(lang)}
          onChange={(v) => lp.setFilter({ category: v })}
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
      <ListBody
        query={query}
        page={lp.page}
        onPage={lp.setPage}
        empty={tx(
          own
            ? { id: 'Belum ada produk. Tambahkan produk pertama Anda.', en: 'No products yet. Add your first product.' }
            : { id: 'Belum ada data.', en: 'Nothing here yet.' },
        )}
        testId="product-list"
        render={(p) => (
          <li key={p.id} className="card item">
            <Link href={`/products/${p.id}`} className="item-title" translate="no">
              {p.name}
            </Link>
            <p className="muted small">
              {!own && `${p.umkmName} · `}
              {categoryLabel(p.category, lang)} · {p.netContent} {unitLabel(p.netUnit, lang)}
            </p>
            <p className="item-meta">
              <strong>{formatRupiah(p.retailPrice)}</strong>
              {p.perishable && <Badge tone="warn">{t('Mudah rusak (makanan basah)', 'Perishable (wet food)')}</Badge>}
              {p.permits.length > 0 ? (
                <Badge tone="ok">{t('{n} izin', '{n} permits', { n: p.permits.length })}</Badge>
              ) : (
                <Badge>{t('Belum ada izin', 'No permit yet')}</Badge>
              )}
              {p.archived && <Badge tone="bad">{t('Diarsipkan', 'Archived')}</Badge>}
            </p>
          </li>
        )}
      />
    </section>
  );
}
