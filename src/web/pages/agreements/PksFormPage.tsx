// The chain drafts a PKS from its template: pick the MoU and the UMKM, get the UMKM's products at their
// registered prices and the chain's standard terms, adjust, save the draft.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../../api.ts';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { navigate } from '../../router.tsx';
import type { Detail, Summary } from './text.ts';
import { rp, useText } from './text.ts';

interface Template {
  mouId: string;
  umkmId: string;
  startsOn: string;
  endsOn: string;
  tradeModel: 'konsinyasi' | 'beli_putus';
  marginBp: number;
  otherFees: { name: string; bp: number }[];
  paymentTermDays: number;
  smallSupplyPaymentDays: number | null;
  paymentTechnicalReason: string | null;
  settlementPeriod: string;
  unsoldGoods: string;
  expiredGoodsBorneBy: string;
  perishablePickupHours: number | null;
  returnNote?: string | null;
  deliveryDistrictCodes: string[];
  products: { productId: string; name: string; supplierPrice: number; shelfPrice: number }[];
}

export default function PksFormPage() {
  const { t } = useText();
  const [mouId, setMouId] = useState('');
  const [q, setQ] = useState('');
  const [umkmId, setUmkmId] = useState('');
  const [draft, setDraft] = useState<Template | null>(null);
  const mous = useQuery({
    queryKey: ['agreements', 'mou'],
    queryFn: () => api.get<{ items: Summary[] }>('/api/agreements?kind=mou&limit=200'),
  });
  const mou = mous.data?.items.find((m) => m.id === mouId);
  const umkm = useQuery({
    queryKey: ['umkm-for-pks', mou?.regionCode, q],
    enabled: Boolean(mou),
    queryFn: () =>
      api.get<{ items: { id: string; name: string; ownerName: string | null }[] }>(
        `/api/umkm${qs({ regionCode: mou?.regionCode, q, limit: 20 })}`,
      ),
  });
  const template = useMutation({
    mutationFn: (id: string) => api.get<Template>(`/api/agreements/pks-template${qs({ mouId, umkmId: id })}`),
    onSuccess: setDraft,
  });
  const create = useMutation({
    mutationFn: (d: Template) =>
      api.post<Detail>('/api/agreements/pks', {
        ...d,
        products: d.products.map(({ productId, supplierPrice, shelfPrice }) => ({ productId, supplierPrice, shelfPrice })),
      }),
    onSuccess: (d) => navigate(`/agreements/${d.id}`),
  });
  const num = (k: 'marginBp' | 'paymentTermDays', v: string) => draft && setDraft({ ...draft, [k]: Number(v) });
  const price = (i: number, k: 'supplierPrice' | 'shelfPrice', v: string) =>
    draft && setDraft({ ...draft, products: draft.products.map((p, j) => (j === i ? { ...p, [k]: Number(v.replace(/\D/g, '')) } : p)) });

  return (
    <section className="page">
      <BackLink href="/agreements" label={t('Semua perjanjian', 'All agreements')} />
      <PageHeader title={t('Draf PKS dari templat', 'New PKS from the template')} />
      {mous.isPending && <Loading />}
      {mous.isError && <Problem error={mous.error} />}
      <div className="form">
        <div className="field wide">
          <label htmlFor="pks-mou">MoU</label>
          <select id="pks-mou" value={mouId} onChange={(e) => setMouId(e.target.value)} data-testid="pks-mou">
            <option value="">{t('Pilih MoU', 'Choose an MoU')}</option>
            {mous.data?.items
              .filter((m) => m.phase === 'active' || m.phase === 'signed')
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {m.number} · {m.regionName}
                </option>
              ))}
          </select>
        </div>
        {mou && (
          <div className="field wide">
            <label htmlFor="pks-umkm-q">{t('Cari UMKM di wilayah MoU', 'Find a UMKM in the MoU region')}</label>
            <input id="pks-umkm-q" value={q} onChange={(e) => setQ(e.target.value)} />
            <ul className="list">
              {umkm.data?.items.map((u) => (
                <li key={u.id}>
                  <button
                    type="button"
                    className={u.id === umkmId ? 'btn btn-primary' : 'btn'}
                    onClick={() => {
                      setUmkmId(u.id);
                      template.mutate(u.id);
                    }}
                  >
                    {u.ownerName ? `${u.name} · ${u.ownerName}` : u.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {template.isError && <Problem error={template.error} />}
      {draft && (
        <form
          className="form card"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(draft);
          }}
          data-testid="pks-form"
        >
          {create.isError && <Problem error={create.error} />}
          <div className="field">
            <label htmlFor="pks-start">{t('Mulai', 'Starts')}</label>
            <input id="pks-start" type="date" value={draft.startsOn} onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="pks-end">{t('Berakhir', 'Ends')}</label>
            <input id="pks-end" type="date" value={draft.endsOn} onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="pks-model">{t('Model dagang', 'Trade model')}</label>
            <select
              id="pks-model"
              value={draft.tradeModel}
              onChange={(e) => setDraft({ ...draft, tradeModel: e.target.value as Template['tradeModel'] })}
            >
              <option value="konsinyasi">{t('Konsinyasi', 'Consignment')}</option>
              <option value="beli_putus">{t('Beli putus', 'Outright purchase')}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="pks-margin">{t('Margin (basis poin, 2000 = 20%)', 'Margin (basis points)')}</label>
            <input id="pks-margin" type="number" value={draft.marginBp} onChange={(e) => num('marginBp', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="pks-term">
              {t(
                'Dibayar paling lambat (hari setelah dokumen tagihan lengkap; 0 = tunai)',
                'Paid within (days after complete billing; 0 = cash)',
              )}
            </label>
            <input
              id="pks-term"
              type="number"
              min={0}
              max={365}
              value={draft.paymentTermDays}
              onChange={(e) => num('paymentTermDays', e.target.value)}
            />
            <span className="small muted">
              {t(
                'PP 29/2021 Pasal 95: pemasok UMKM dibayar tunai atau paling lama 15 hari.',
                'PP 29/2021 Pasal 95: UMKM suppliers are paid in cash or within 15 days.',
              )}
            </span>
          </div>
          <div className="field wide">
            <label htmlFor="pks-reason">{t('Alasan teknis bila tidak tunai', 'Technical reason when not cash')}</label>
            <input
              id="pks-reason"
              maxLength={500}
              value={draft.paymentTechnicalReason ?? ''}
              onChange={(e) => setDraft({ ...draft, paymentTechnicalReason: e.target.value || null })}
            />
          </div>
          <div className="table-wrap wide">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('Produk', 'Product')}</th>
                  <th>{t('Harga pemasok', 'Supplier price')}</th>
                  <th>{t('Harga rak', 'Shelf price')}</th>
                </tr>
              </thead>
              <tbody>
                {draft.products.map((p, i) => (
                  <tr key={p.productId}>
                    <td>{p.name}</td>
                    <td>
                      <input
                        aria-label={`${p.name} supplier`}
                        inputMode="numeric"
                        value={p.supplierPrice}
                        onChange={(e) => price(i, 'supplierPrice', e.target.value)}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`${p.name} shelf`}
                        inputMode="numeric"
                        value={p.shelfPrice}
                        onChange={(e) => price(i, 'shelfPrice', e.target.value)}
                      />
                      <span className="small muted"> {rp(p.shelfPrice - p.supplierPrice)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('Simpan draf PKS', 'Save PKS draft')}
          </button>
        </form>
      )}
    </section>
  );
}
