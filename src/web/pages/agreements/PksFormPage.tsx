// The chain drafts a PKS from its template: pick the MoU and the UMKM, get the UMKM's products at their
// registered prices and the chain's standard terms, adjust, save the draft. Every problem is shown at its
// field, all at once; at 360 px the products are cards, so the shelf price is never off-screen. A business
// that already has a PKS in force with the chain is said before the draft is saved (and the saved draft
// carries the server's warning).
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { addDays } from '../../../platform/clock.ts';
import { formatDate, formatRupiah } from '../../../platform/format.ts';
import { options } from '../../../vocabulary.ts';
import { api, qs } from '../../api.ts';
import type { Answer, Body, Item } from '../../api-types.ts';
import { FormProblem, REQUIRED, RupiahField, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { navigate } from '../../router.tsx';

type Template = Answer<'/api/agreements/pks-template'>;
type PksBody = Body<'/api/agreements/pks'>;
type Summary = Item<'/api/agreements'>;

/** How far back a PKS may start (agreements.rules.ts PKS_MAX_DAYS_BACK; the server has the last word). */
const MAX_DAYS_BACK = 30;

interface Draft {
  startsOn: string;
  endsOn: string;
  tradeModel: Template['tradeModel'];
  marginPercent: string;
  otherFees: { name: string; percent: string }[];
  paymentTermDays: string;
  paymentTechnicalReason: string;
  settlementPeriod: Template['settlementPeriod'];
  unsoldGoods: Template['unsoldGoods'];
  products: { productId: string; name: string; supplierPrice: number | null; shelfPrice: number | null }[];
}

const percentOf = (bp: number) => String(bp / 100).replace('.', ',');
const bpOf = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);
const isPercent = (s: string, max: number) => {
  const n = Number(s.replace(',', '.'));
  return s.trim() !== '' && Number.isFinite(n) && n >= 0 && n < max;
};
const localToday = () => new Intl.DateTimeFormat('en-CA').format(new Date());

const fromTemplate = (tpl: Template): Draft => ({
  startsOn: tpl.startsOn,
  endsOn: tpl.endsOn,
  tradeModel: tpl.tradeModel,
  marginPercent: percentOf(tpl.marginBp),
  otherFees: tpl.otherFees.map((f) => ({ name: f.name, percent: percentOf(f.bp) })),
  paymentTermDays: String(tpl.paymentTermDays),
  paymentTechnicalReason: tpl.paymentTechnicalReason ?? '',
  settlementPeriod: tpl.settlementPeriod,
  unsoldGoods: tpl.unsoldGoods,
  products: tpl.products.map((p) => ({ ...p })),
});

/** Everything the form can judge before asking the server, every field at once. */
function problemsOf(d: Draft): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  const today = localToday();
  const earliest = addDays(today, -MAX_DAYS_BACK);
  if (!d.startsOn) out.startsOn = REQUIRED;
  else if (d.startsOn < earliest)
    out.startsOn = {
      id: `PKS tidak boleh mulai lebih dari ${MAX_DAYS_BACK} hari sebelum hari ini: paling awal ${formatDate(earliest, 'id')}.`,
      en: `A PKS cannot start more than ${MAX_DAYS_BACK} days before today: ${formatDate(earliest, 'en')} at the earliest.`,
    };
  if (!d.endsOn) out.endsOn = REQUIRED;
  else if (d.startsOn && d.endsOn <= d.startsOn)
    out.endsOn = { id: 'Tanggal berakhir harus setelah tanggal mulai.', en: 'The end date must be after the start date.' };
  else if (d.endsOn < today)
    out.endsOn = {
      id: 'Jangka waktu ini sudah lewat seluruhnya: tanggal berakhir harus hari ini atau sesudahnya.',
      en: 'This period is wholly past: the end date must be today or later.',
    };
  if (!d.marginPercent.trim()) out.marginPercent = REQUIRED;
  else if (!isPercent(d.marginPercent, 100))
    out.marginPercent = { id: 'Harus persentase dari 0 sampai di bawah 100.', en: 'Must be a percentage from 0 to below 100.' };
  d.otherFees.forEach((f, i) => {
    if (!f.name.trim()) out[`otherFees.${i}.name`] = REQUIRED;
    if (!isPercent(f.percent, 100.01))
      out[`otherFees.${i}.percent`] = { id: 'Harus persentase dari 0 sampai 100.', en: 'Must be a percentage from 0 to 100.' };
  });
  if (!d.paymentTermDays.trim()) out.paymentTermDays = REQUIRED;
  else if (!/^\d+$/.test(d.paymentTermDays.trim()) || Number(d.paymentTermDays) > 365)
    out.paymentTermDays = { id: 'Harus bilangan bulat dari 0 sampai 365 hari.', en: 'Must be a whole number of days from 0 to 365.' };
  d.products.forEach((p, i) => {
    if (p.supplierPrice === null) out[`products.${i}.supplierPrice`] = REQUIRED;
    if (p.shelfPrice === null) out[`products.${i}.shelfPrice`] = REQUIRED;
    else if (p.supplierPrice !== null && p.shelfPrice < p.supplierPrice)
      out[`products.${i}.shelfPrice`] = {
        id: 'Harga rak tidak boleh di bawah harga pemasok.',
        en: 'The shelf price must not be below the supplier price.',
      };
  });
  return out;
}

function PksTermsForm({ tpl, chainName, inForce }: { tpl: Template; chainName: string; inForce: Summary[] }) {
  const { t, lang } = useI18n();
  const errors = useFormErrors();
  const [d, setD] = useState<Draft>(() => fromTemplate(tpl));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((prev) => ({ ...prev, [k]: v }));
    errors.clear(k);
  };
  const setProduct = (i: number, k: 'supplierPrice' | 'shelfPrice', v: number | null) => {
    setD((prev) => ({ ...prev, products: prev.products.map((p, j) => (j === i ? { ...p, [k]: v } : p)) }));
    errors.clear(`products.${i}.${k}`);
  };
  const setFee = (i: number, k: 'name' | 'percent', v: string) => {
    setD((prev) => ({ ...prev, otherFees: prev.otherFees.map((f, j) => (j === i ? { ...f, [k]: v } : f)) }));
    errors.clear(`otherFees.${i}.${k}`);
  };
  const create = useMutation({
    mutationFn: (body: PksBody) => api.post<Answer<'/api/agreements/pks', 'post'>>('/api/agreements/pks', body),
    onSuccess: (a) => navigate(`/agreements/${a.id}`),
  });

  /** The form's field for a body path the server names (an unknown one goes above the form). */
  const where = (f: string): string | null => {
    if (['startsOn', 'endsOn', 'tradeModel', 'paymentTermDays', 'paymentTechnicalReason', 'settlementPeriod', 'unsoldGoods'].includes(f))
      return f;
    if (f === 'marginBp') return 'marginPercent';
    const fee = /^otherFees\.(\d+)\.(name|bp)$/.exec(f);
    if (fee) return `otherFees.${fee[1]}.${fee[2] === 'bp' ? 'percent' : 'name'}`;
    if (f.startsWith('otherFees')) return d.otherFees.length ? 'otherFees.0.name' : null;
    const product = /^products\.(\d+)\.(supplierPrice|shelfPrice|productId)$/.exec(f);
    if (product) return `products.${product[1]}.${product[2] === 'productId' ? 'supplierPrice' : product[2]}`;
    return null;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = problemsOf(d);
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();
    const { products: _names, ...terms } = tpl;
    create.mutate(
      {
        ...terms,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        tradeModel: d.tradeModel,
        marginBp: bpOf(d.marginPercent),
        otherFees: d.otherFees.map((f) => ({ name: f.name.trim(), bp: bpOf(f.percent) })),
        paymentTermDays: Number(d.paymentTermDays),
        paymentTechnicalReason: d.paymentTechnicalReason.trim() || null,
        settlementPeriod: d.settlementPeriod,
        unsoldGoods: d.unsoldGoods,
        products: d.products.map((p) => ({ productId: p.productId, supplierPrice: p.supplierPrice ?? 0, shelfPrice: p.shelfPrice ?? 0 })),
      },
      { onError: (error) => errors.fromApi(error, where) },
    );
  };
  const err = (n: string) => errors.err(n);

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="pks-form">
      {inForce.length > 0 && (
        <div className="alert card" role="status" data-testid="pks-in-force">
          {t(
            'UMKM ini sudah memiliki PKS yang berlaku dengan {chain}: {numbers}. Periksa apakah PKS baru ini memang diperlukan, atau ubah PKS yang berlaku dengan adendum.',
            'This business already has a PKS in force with {chain}: {numbers}. Check that a new PKS is needed, or amend the one in force instead.',
            { chain: chainName, numbers: inForce.map((a) => a.number).join(', ') },
          )}
        </div>
      )}
      <FormProblem error={errors.general} />
      <fieldset className="card">
        <legend>{t('Jangka waktu', 'Period')}</legend>
        <div className="row">
          <TextField
            name="startsOn"
            type="date"
            label={t('Mulai', 'Starts on')}
            value={d.startsOn}
            min={addDays(localToday(), -MAX_DAYS_BACK)}
            onChange={(v) => set('startsOn', v)}
            error={err('startsOn')}
          />
          <TextField
            name="endsOn"
            type="date"
            label={t('Berakhir', 'Ends on')}
            value={d.endsOn}
            min={d.startsOn || undefined}
            onChange={(v) => set('endsOn', v)}
            error={err('endsOn')}
          />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('Ketentuan dagang', 'Terms of trade')}</legend>
        <SelectField<Draft['tradeModel']>
          name="tradeModel"
          label={t('Model dagang', 'Trade model')}
          value={d.tradeModel}
          options={options('tradeModel', lang) as [Draft['tradeModel'], string][]}
          onChange={(v) => set('tradeModel', v)}
          error={err('tradeModel')}
        />
        <TextField
          name="marginPercent"
          label={t('Margin jaringan ritel (%)', "The chain's margin (%)")}
          value={d.marginPercent}
          inputMode="decimal"
          hint={t('Potongan dari harga rak, misalnya 20.', 'Taken from the shelf price, e.g. 20.')}
          onChange={(v) => set('marginPercent', v)}
          error={err('marginPercent')}
        />
        {d.otherFees.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by their index in the body ("otherFees.0.name")
          <div key={i} className="row">
            <TextField
              name={`otherFees.${i}.name`}
              label={t('Biaya lain {n}', 'Other fee {n}', { n: i + 1 })}
              value={f.name}
              maxLength={80}
              onChange={(v) => setFee(i, 'name', v)}
              error={err(`otherFees.${i}.name`)}
            />
            <TextField
              name={`otherFees.${i}.percent`}
              label={t('Besaran (%)', 'Rate (%)')}
              value={f.percent}
              inputMode="decimal"
              onChange={(v) => setFee(i, 'percent', v)}
              error={err(`otherFees.${i}.percent`)}
            />
          </div>
        ))}
        <div className="actions">
          <button type="button" className="btn" onClick={() => set('otherFees', [...d.otherFees, { name: '', percent: '' }])}>
            + {t('Tambah biaya lain', 'Add another fee')}
          </button>
          {d.otherFees.length > 0 && (
            <button type="button" className="btn btn-ghost" onClick={() => set('otherFees', d.otherFees.slice(0, -1))}>
              {t('Hapus biaya terakhir', 'Remove the last fee')}
            </button>
          )}
        </div>
        <TextField
          name="paymentTermDays"
          label={t('Dibayar paling lambat (hari)', 'Paid within (days)')}
          value={d.paymentTermDays}
          inputMode="numeric"
          hint={t(
            'Hari setelah dokumen tagihan lengkap diterima; 0 = tunai. PP 29/2021 Pasal 95: pemasok UMKM dibayar tunai atau paling lama 15 hari.',
            'Days after complete billing; 0 = cash. PP 29/2021 Pasal 95: UMKM suppliers are paid in cash or within 15 days.',
          )}
          onChange={(v) => set('paymentTermDays', v)}
          error={err('paymentTermDays')}
        />
        <TextField
          name="paymentTechnicalReason"
          label={t('Alasan teknis bila tidak tunai', 'Technical reason when not cash')}
          value={d.paymentTechnicalReason}
          maxLength={500}
          onChange={(v) => set('paymentTechnicalReason', v)}
          error={err('paymentTechnicalReason')}
          wide
        />
        <SelectField<Draft['settlementPeriod']>
          name="settlementPeriod"
          label={t('Periode penyelesaian', 'Settlement period')}
          value={d.settlementPeriod}
          options={options('settlementPeriod', lang) as [Draft['settlementPeriod'], string][]}
          onChange={(v) => set('settlementPeriod', v)}
          error={err('settlementPeriod')}
        />
        <SelectField<Draft['unsoldGoods']>
          name="unsoldGoods"
          label={t('Barang tidak laku', 'Unsold goods')}
          value={d.unsoldGoods}
          options={options('unsoldGoods', lang) as [Draft['unsoldGoods'], string][]}
          onChange={(v) => set('unsoldGoods', v)}
          error={err('unsoldGoods')}
        />
      </fieldset>

      <fieldset className="card">
        <legend>{t('Produk dan harga ({n})', 'Products and prices ({n})', { n: d.products.length })}</legend>
        {d.products.length === 0 && (
          <p className="muted">{t('UMKM ini belum mendaftarkan produk.', 'This business has registered no product yet.')}</p>
        )}
        <ul className="cards" data-testid="pks-products">
          {d.products.map((p, i) => (
            <li key={p.productId} className="card item">
              <p className="item-title">{p.name}</p>
              <div className="row">
                <RupiahField
                  name={`products.${i}.supplierPrice`}
                  label={t('Harga pemasok', 'Supplier price')}
                  value={p.supplierPrice}
                  onChange={(v) => setProduct(i, 'supplierPrice', v)}
                  error={err(`products.${i}.supplierPrice`)}
                />
                <RupiahField
                  name={`products.${i}.shelfPrice`}
                  label={t('Harga rak', 'Shelf price')}
                  value={p.shelfPrice}
                  onChange={(v) => setProduct(i, 'shelfPrice', v)}
                  error={err(`products.${i}.shelfPrice`)}
                />
              </div>
              {p.supplierPrice !== null && p.shelfPrice !== null && (
                <p className="small muted">
                  {t('Selisih untuk jaringan ritel: {amount}', 'Difference for the chain: {amount}', {
                    amount: formatRupiah(p.shelfPrice - p.supplierPrice),
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-block" disabled={create.isPending} data-testid="pks-submit">
          {create.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Simpan draf PKS', 'Save PKS draft')}
        </button>
      </div>
    </form>
  );
}

export default function PksFormPage() {
  const { t } = useI18n();
  const [mouId, setMouId] = useState('');
  const [q, setQ] = useState('');
  const [umkmId, setUmkmId] = useState('');
  const mous = useQuery({
    queryKey: ['agreements', 'mou', 'signed'],
    queryFn: () => api.get<Answer<'/api/agreements'>>('/api/agreements?kind=mou&limit=200'),
  });
  const signed = (mous.data?.items ?? []).filter((m) => m.phase === 'active' || m.phase === 'signed');
  const mou = signed.find((m) => m.id === mouId);
  const umkm = useQuery({
    queryKey: ['umkm-for-pks', mou?.regionCode, q],
    enabled: Boolean(mou),
    queryFn: () => api.get<Answer<'/api/umkm'>>(`/api/umkm${qs({ regionCode: mou?.regionCode, q, limit: 20 })}`),
  });
  const template = useQuery({
    queryKey: ['pks-template', mouId, umkmId],
    enabled: Boolean(mouId && umkmId),
    queryFn: () => api.get<Template>(`/api/agreements/pks-template${qs({ mouId, umkmId })}`),
  });
  // The PKS this business already has with the chain, in force: said on the form before a second is drafted.
  const existing = useQuery({
    queryKey: ['agreements', 'pks', umkmId, mou?.chain.code],
    enabled: Boolean(mou && umkmId),
    queryFn: () =>
      api.get<Answer<'/api/agreements'>>(`/api/agreements${qs({ kind: 'pks', umkmId, chainCode: mou?.chain.code, limit: 50 })}`),
  });
  const inForce = (existing.data?.items ?? []).filter((a) => a.phase === 'active' || a.phase === 'signed');

  return (
    <section className="page narrow">
      <BackLink href="/agreements" label={t('Semua perjanjian', 'All agreements')} />
      <PageHeader title={t('Draf PKS dari templat', 'New PKS from the template')} />
      {mous.isPending && <Loading />}
      {mous.isError && <Problem error={mous.error} onRetry={() => mous.refetch()} />}
      {mous.data && (
        <div className="form">
          <fieldset className="card">
            <legend>{t('MoU dan UMKM', 'MoU and business')}</legend>
            {signed.length === 0 ? (
              <p className="muted">{t('Belum ada MoU yang ditandatangani.', 'No signed MoU yet.')}</p>
            ) : (
              <SelectField
                name="mouId"
                label={t('MoU', 'MoU')}
                value={mouId}
                placeholder={t('— Pilih MoU —', '— Choose an MoU —')}
                options={signed.map((m) => [m.id, `${m.number} · ${m.regionName}`])}
                onChange={(v) => {
                  setMouId(v);
                  setUmkmId('');
                }}
              />
            )}
            {mou && (
              <>
                <TextField
                  name="umkmQuery"
                  label={t('Cari UMKM di wilayah MoU', 'Find a business in the MoU region')}
                  value={q}
                  onChange={setQ}
                />
                {umkm.isPending && <Loading />}
                {umkm.isError && <Problem error={umkm.error} onRetry={() => umkm.refetch()} />}
                {umkm.data?.items.length === 0 && <p className="muted">{t('Tidak ada UMKM yang cocok.', 'No matching business.')}</p>}
                <ul className="cards" data-testid="pks-umkm-choices">
                  {umkm.data?.items.map((u) => (
                    <li key={u.id}>
                      <button type="button" className={u.id === umkmId ? 'btn btn-primary' : 'btn'} onClick={() => setUmkmId(u.id)}>
                        {u.ownerName ? `${u.name} · ${u.ownerName}` : u.name}
                      </button>
                    </li>
                  ))}
                </ul>
                {umkm.data && umkm.data.total > umkm.data.items.length && (
                  <p className="small muted">
                    {t('{shown} dari {total} UMKM; perjelas pencarian.', '{shown} of {total} businesses; narrow the search.', {
                      shown: umkm.data.items.length,
                      total: umkm.data.total,
                    })}
                  </p>
                )}
              </>
            )}
          </fieldset>
        </div>
      )}
      {template.isPending && template.fetchStatus !== 'idle' && <Loading />}
      {template.isError && <Problem error={template.error} onRetry={() => template.refetch()} />}
      {template.data && mou && <PksTermsForm key={`${mouId}:${umkmId}`} tpl={template.data} chainName={mou.chain.name} inForce={inForce} />}
    </section>
  );
}
