// New product / edit product. A new one may carry its permits and photos in the same request; an existing
// one gets those on its detail page (the API's PATCH takes only the product's own fields). Every server
// error is shown on the field its body path names, in the current language.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api } from '../../api.ts';
import type { Body } from '../../api-types.ts';
import { FormProblem, RupiahField, requiredErrors, SelectField, TextField, useFormErrors } from '../../components/form.tsx';
import { BackLink, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { type Bilingual, useI18n } from '../../i18n.tsx';
import { navigate, useLocation } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import { emptyPermit, type PermitDraft, PermitFields, permitBody, permitProblems } from './PermitFields.tsx';
import { PhotoUpload, Thumbs } from './Photos.tsx';
import { productKey } from './ProductDetailPage.tsx';
import { UmkmSelect } from './UmkmSelect.tsx';
import { type Category, categoryOptions, type NetUnit, type Product, type Storage, storageOptions, unitOptions } from './vocab.ts';

type Perishable = 'auto' | 'yes' | 'no';

interface Draft {
  umkmId: string;
  name: string;
  category: Category | '';
  gtin: string;
  netContent: string;
  netUnit: NetUnit;
  supplierPrice: number | null;
  retailPrice: number | null;
  shelfLifeDays: string;
  storage: Storage;
  perishable: Perishable;
  permits: PermitDraft[];
  photos: string[];
}

const PRODUCT_FIELDS = [
  'umkmId',
  'name',
  'category',
  'gtin',
  'netContent',
  'netUnit',
  'supplierPrice',
  'retailPrice',
  'shelfLifeDays',
  'storage',
  'perishable',
];

const fromProduct = (p: Product): Draft => ({
  umkmId: p.umkmId,
  name: p.name,
  category: p.category,
  gtin: p.gtin ?? '',
  netContent: String(p.netContent),
  netUnit: p.netUnit,
  supplierPrice: p.supplierPrice,
  retailPrice: p.retailPrice,
  shelfLifeDays: String(p.shelfLifeDays),
  storage: p.storage,
  perishable: p.perishable ? 'yes' : 'no',
  permits: [],
  photos: [],
});

const blank = (umkmId: string): Draft => ({
  umkmId,
  name: '',
  category: '',
  gtin: '',
  netContent: '',
  netUnit: 'g',
  supplierPrice: null,
  retailPrice: null,
  shelfLifeDays: '',
  storage: 'ambient',
  perishable: 'auto',
  permits: [],
  photos: [],
});

/** Decimal comma or point, as people type on an Indonesian keyboard. */
const toNumber = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.replace(',', '.')));

function ProductForm({ initial, product }: { initial: Draft; product?: Product }) {
  const me = useUser();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const [d, setD] = useState(initial);
  const errors = useFormErrors();
  const [uploadErr, setUploadErr] = useState<Record<string, Bilingual | null>>({});
  const editing = Boolean(product);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((prev) => ({ ...prev, [k]: v }));
    errors.clear(k);
  };
  const err = (n: string) => uploadErr[n] ?? errors.err(n);

  const save = useMutation({
    mutationFn: (body: Body<'/api/products'>) =>
      product ? api.patch<Product>(`/api/products/${product.id}`, body) : api.post<Product>('/api/products', body),
    onSuccess: (p) => {
      qc.setQueryData(productKey(p.id), p);
      qc.invalidateQueries({ queryKey: ['products'] });
      qc.invalidateQueries({ queryKey: ['total'] });
      navigate(`/products/${p.id}?saved=1`, { replace: true });
    },
  });

  /** The form's field for an error's body path; a photo's error shows on the photo box. */
  const where = (f: string) => {
    if (PRODUCT_FIELDS.includes(f)) return f;
    if (/^permits\.\d+\./.test(f) && d.permits[Number(f.split('.')[1])]) return f;
    if (f.startsWith('photos')) return 'photos';
    return null;
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const netContent = toNumber(d.netContent);
    const shelfLifeDays = toNumber(d.shelfLifeDays);
    const required: Record<string, unknown> = {
      name: d.name.trim(),
      category: d.category,
      netContent: d.netContent.trim(),
      supplierPrice: d.supplierPrice,
      retailPrice: d.retailPrice,
      shelfLifeDays: d.shelfLifeDays.trim(),
    };
    if (!editing && can.pickUmkm(me)) required.umkmId = d.umkmId;
    // Every problem the form can see, all at once, before the server is asked.
    const problems = requiredErrors(required);
    for (const [i, p] of d.permits.entries()) Object.assign(problems, permitProblems(p, `permits.${i}.`));
    if (!problems.netContent && !(netContent > 0))
      problems.netContent = { id: 'Harus angka lebih dari 0.', en: 'Must be a number above 0.' };
    if (!problems.shelfLifeDays && !Number.isInteger(shelfLifeDays))
      problems.shelfLifeDays = { id: 'Harus bilangan bulat.', en: 'Must be a whole number.' };
    if (!problems.supplierPrice && !problems.retailPrice && (d.supplierPrice ?? 0) > (d.retailPrice ?? 0))
      problems.supplierPrice = {
        id: 'Harga pemasok tidak boleh melebihi harga eceran.',
        en: 'Supplier price must not exceed the retail price.',
      };
    if (Object.keys(problems).length) return errors.setClient(problems);
    errors.reset();

    const body: Body<'/api/products'> = {
      name: d.name.trim(),
      category: d.category as Category,
      gtin: d.gtin.replace(/\s/g, '') || null,
      netContent,
      netUnit: d.netUnit,
      supplierPrice: d.supplierPrice ?? 0,
      retailPrice: d.retailPrice ?? 0,
      shelfLifeDays,
      storage: d.storage,
    };
    if (d.perishable !== 'auto') body.perishable = d.perishable === 'yes';
    if (!editing) {
      if (can.pickUmkm(me)) body.umkmId = d.umkmId;
      if (d.permits.length) body.permits = d.permits.map(permitBody);
      if (d.photos.length) body.photos = d.photos;
    }
    save.mutate(body, { onError: (error) => errors.fromApi(error, where) });
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="product-form">
      <FormProblem error={errors.general} />
      <fieldset className="card">
        <legend>{t('Produk', 'Product')}</legend>
        {!editing && can.pickUmkm(me) && <UmkmSelect value={d.umkmId} onChange={(v) => set('umkmId', v)} error={err('umkmId')} />}
        <TextField
          name="name"
          label={t('Nama produk', 'Product name')}
          value={d.name}
          onChange={(v) => set('name', v)}
          error={err('name')}
          maxLength={160}
          wide
        />
        <SelectField
          name="category"
          label={t('Kategori', 'Category')}
          value={d.category}
          placeholder={t('— Pilih —', '— Choose —')}
          options={categoryOptions(lang)}
          onChange={(v) => set('category', v)}
          error={err('category')}
        />
        <TextField
          name="gtin"
          label={t('GTIN / kode batang', 'GTIN / barcode')}
          value={d.gtin}
          onChange={(v) => set('gtin', v)}
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          hint={t(
            '13 digit di bawah kode batang (awalan Indonesia 899). Kosongkan jika belum ada.',
            "The 13 digits under the barcode (Indonesia's prefix is 899). Leave empty if none.",
          )}
          error={err('gtin')}
        />
        <div className="row">
          <TextField
            name="netContent"
            label={t('Isi bersih', 'Net content')}
            value={d.netContent}
            onChange={(v) => set('netContent', v)}
            inputMode="decimal"
            error={err('netContent')}
          />
          <SelectField
            name="netUnit"
            label={t('Satuan', 'Unit')}
            value={d.netUnit}
            options={unitOptions(lang)}
            onChange={(v) => set('netUnit', v)}
            error={err('netUnit')}
          />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('Harga', 'Prices')}</legend>
        <div className="row">
          <RupiahField
            name="supplierPrice"
            label={t('Harga pemasok', 'Supplier price')}
            value={d.supplierPrice}
            onChange={(v) => set('supplierPrice', v)}
            error={err('supplierPrice')}
            hint={t('Harga yang Anda terima per kemasan.', 'What you receive per pack.')}
          />
          <RupiahField
            name="retailPrice"
            label={t('Harga jual di rak', 'Shelf price')}
            value={d.retailPrice}
            onChange={(v) => set('retailPrice', v)}
            error={err('retailPrice')}
            hint={t('Harga eceran untuk pembeli.', 'The retail price shoppers pay.')}
          />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t('Penyimpanan', 'Storage')}</legend>
        <div className="row">
          <TextField
            name="shelfLifeDays"
            label={t('Umur simpan (hari)', 'Shelf life (days)')}
            value={d.shelfLifeDays}
            onChange={(v) => set('shelfLifeDays', v)}
            inputMode="numeric"
            error={err('shelfLifeDays')}
          />
          <SelectField
            name="storage"
            label={t('Cara penyimpanan', 'Storage')}
            value={d.storage}
            options={storageOptions(lang)}
            onChange={(v) => set('storage', v)}
            error={err('storage')}
          />
        </div>
        <SelectField<Perishable>
          name="perishable"
          label={t('Mudah rusak (makanan basah)', 'Perishable (wet food)')}
          value={d.perishable}
          options={[
            ...(editing
              ? []
              : ([['auto', t('Otomatis (dari umur simpan & penyimpanan)', 'Automatic (from shelf life & storage)')]] as [
                  Perishable,
                  string,
                ][])),
            ['yes', t('Ya', 'Yes')],
            ['no', t('Tidak', 'No')],
          ]}
          onChange={(v) => set('perishable', v)}
          hint={t('Makanan basah hanya dikirim ke gerai yang menerimanya.', 'Wet food only goes to outlets that accept it.')}
          error={err('perishable')}
        />
      </fieldset>

      {!editing && (
        <fieldset className="card">
          <legend>{t('Izin & sertifikat', 'Permits & certificates')}</legend>
          {d.permits.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are addressed by their index in the body ("permits.0.number")
            <div key={i} className="permit-row">
              <PermitFields
                prefix={`permits.${i}.`}
                value={p}
                onChange={(np) =>
                  set(
                    'permits',
                    d.permits.map((x, j) => (j === i ? np : x)),
                  )
                }
                err={err}
                setErr={(n, e) => {
                  setUploadErr((prev) => ({ ...prev, [n]: e }));
                  if (!e) errors.clear(n);
                }}
              />
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() =>
                  set(
                    'permits',
                    d.permits.filter((_, j) => j !== i),
                  )
                }
              >
                {t('Hapus izin ini', 'Remove this permit')}
              </button>
            </div>
          ))}
          {d.permits.length < 10 && (
            <button
              type="button"
              className="btn"
              onClick={() => set('permits', [...d.permits, emptyPermit()])}
              data-testid="add-permit-row"
            >
              + {t('Tambah izin', 'Add permit')}
            </button>
          )}
        </fieldset>
      )}

      {!editing && (
        <fieldset className="card">
          <legend>{t('Foto', 'Photos')}</legend>
          <Thumbs photos={d.photos} alt={d.name} />
          {d.photos.length < 10 && (
            <PhotoUpload
              name="photos"
              onStored={(sha) => set('photos', [...d.photos.filter((x) => x !== sha), sha])}
              error={err('photos')}
            />
          )}
        </fieldset>
      )}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-block" disabled={save.isPending} data-testid="product-submit">
          {save.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Simpan', 'Save')}
        </button>
      </div>
    </form>
  );
}

export function ProductFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const id = params.id;
  const q = useQuery({ queryKey: productKey(id ?? ''), queryFn: () => api.get<Product>(`/api/products/${id}`), enabled: Boolean(id) });

  if (id && q.isPending) return <Loading />;
  if (id && q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const product = id ? q.data : undefined;
  return (
    <section className="page narrow">
      <BackLink href={product ? `/products/${product.id}` : '/products'} label={product ? product.name : t('Produk', 'Products')} />
      <PageHeader title={product ? t('Ubah produk', 'Edit product') : t('Tambah produk', 'Add product')} testId="product-form-title" />
      <ProductForm key={id ?? 'new'} initial={product ? fromProduct(product) : blank(query.get('umkm') ?? '')} product={product} />
    </section>
  );
}
