// One product: its facts, permits (with their state on today's date in the user's zone), photos, and —
// for who may edit — adding a permit or a photo, editing and archiving.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, fileUrl } from '../../api.ts';
import { FormProblem, requiredErrors, useFormErrors } from '../../components/form.tsx';
import { BackLink, Badge, ButtonLink, Facts, Loading, PageHeader, Problem } from '../../components/ui.tsx';
import { daysBetween, formatDate, formatRupiah, todayIn, zoneOf } from '../../format.ts';
import { useI18n } from '../../i18n.tsx';
import { Link, useLocation } from '../../router.tsx';
import { can, useUser } from '../../session.ts';
import type { Bilingual, Permit, Product } from '../../types.ts';
import { emptyPermit, PermitFields, permitBody } from './PermitFields.tsx';
import { PhotoUpload, Thumbs } from './Photos.tsx';
import { categoryLabel, PERMIT_KEY, STORAGE_KEY, unitLabel } from './vocab.ts';

export const productKey = (id: string) => ['product', id] as const;

function PermitState({ permit, today }: { permit: Permit; today: string }) {
  const { t } = useI18n();
  if (!permit.expiresOn) return <Badge tone="ok">{t('Tanpa masa berlaku', 'No expiry')}</Badge>;
  const left = daysBetween(today, permit.expiresOn);
  if (left < 0) return <Badge tone="bad">{t('Kedaluwarsa', 'Expired')}</Badge>;
  if (left <= 90) return <Badge tone="warn">{t('Habis dalam {n} hari', 'Expires in {n} days', { n: left })}</Badge>;
  return <Badge tone="ok">{t('Berlaku', 'Valid')}</Badge>;
}

function PermitList({ product, regionCode }: { product: Product; regionCode: string | null }) {
  const { t, tx, lang } = useI18n();
  const { tz, label } = zoneOf(regionCode);
  const today = todayIn(tz);
  if (product.permits.length === 0) return <p className="muted">{t('Belum ada izin', 'No permit yet')}</p>;
  return (
    <>
      <ul className="cards" data-testid="permit-list">
        {product.permits.map((p) => (
          <li key={p.id} className="card item">
            <p className="item-title" translate="no">
              {tx(PERMIT_KEY[p.type])} <span className="mono">{p.number}</span>
            </p>
            <p className="small">
              {t('Tanggal terbit', 'Issued on')}: {formatDate(p.issuedOn, lang)}
              {p.expiresOn && ` · ${t('Berlaku sampai', 'Valid until')}: ${formatDate(p.expiresOn, lang)}`}
            </p>
            <p className="item-meta">
              <PermitState permit={p} today={today} />
              {p.scanSha256 && (
                <a href={fileUrl(p.scanSha256)} target="_blank" rel="noreferrer">
                  {t('Lihat pindaian', 'View scan')}
                </a>
              )}
            </p>
          </li>
        ))}
      </ul>
      <p className="muted small">
        {t('Status per {date} ({zone}).', 'Status as of {date} ({zone}).', { date: formatDate(today, lang), zone: label })}
      </p>
    </>
  );
}

function AddPermit({ productId, onDone }: { productId: string; onDone: (p: Product) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(emptyPermit);
  const errors = useFormErrors();
  const [local, setLocal] = useState<Record<string, Bilingual | null>>({});
  const add = useMutation({ mutationFn: () => api.post<Product>(`/api/products/${productId}/permits`, permitBody(draft)) });
  const FIELDS = ['type', 'number', 'issuedOn', 'expiresOn', 'scanSha256'];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = requiredErrors({ number: draft.number.trim(), issuedOn: draft.issuedOn });
    if (Object.keys(missing).length) return errors.setClient(missing);
    errors.reset();
    add.mutate(undefined, {
      onSuccess: (p) => {
        setDraft(emptyPermit());
        onDone(p);
      },
      onError: (err) => errors.fromApi(err, (f) => (FIELDS.includes(f) ? f : null)),
    });
  };
  return (
    <form className="form card" onSubmit={submit} noValidate data-testid="add-permit">
      <h3>{t('Tambah izin', 'Add permit')}</h3>
      <FormProblem error={errors.general} />
      <PermitFields
        prefix=""
        value={draft}
        onChange={setDraft}
        err={(n) => local[n] ?? errors.err(n)}
        setErr={(n, e) => {
          setLocal((prev) => ({ ...prev, [n]: e }));
          if (!e) errors.clear(n);
        }}
      />
      <button type="submit" className="btn btn-primary" disabled={add.isPending}>
        {add.isPending ? t('Mohon tunggu…', 'Please wait…') : t('Simpan izin', 'Save permit')}
      </button>
    </form>
  );
}

export function ProductDetailPage({ params }: { params: Record<string, string> }) {
  const id = params.id as string;
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const qc = useQueryClient();
  const { query: search } = useLocation();
  const q = useQuery({ queryKey: productKey(id), queryFn: () => api.get<Product>(`/api/products/${id}`) });
  const [showPermit, setShowPermit] = useState(false);
  const archive = useMutation({ mutationFn: () => api.post<Product>(`/api/products/${id}/archive`) });

  const refresh = (p: Product) => {
    qc.setQueryData(productKey(id), p);
    qc.invalidateQueries({ queryKey: ['products'] });
  };

  if (q.isPending) return <Loading />;
  if (q.error) return <Problem error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;
  const editable = can.writeProducts(me) && !p.archived;
  const margin = p.retailPrice - p.supplierPrice;

  return (
    <section className="page">
      <BackLink
        href="/products"
        label={tx(me.role === 'umkm' ? { id: 'Produk Saya', en: 'My products' } : { id: 'Produk', en: 'Products' })}
      />
      {search.get('saved') && (
        <p className="alert alert-ok" role="status" data-testid="saved">
          {t('Tersimpan.', 'Saved.')}
        </p>
      )}
      <PageHeader
        title={p.name}
        subtitle={p.archived ? t('Diarsipkan', 'Archived') : categoryLabel(p.category, lang)}
        testId="product-title"
      >
        {editable && (
          <>
            <ButtonLink href={`/products/${id}/edit`} primary>
              {t('Ubah', 'Edit')}
            </ButtonLink>
            <button
              type="button"
              className="btn btn-danger"
              disabled={archive.isPending}
              onClick={() => {
                if (
                  window.confirm(
                    t('Arsipkan produk ini? Produk tidak akan ditawarkan lagi.', 'Archive this product? It will no longer be offered.'),
                  )
                )
                  archive.mutate(undefined, { onSuccess: refresh });
              }}
            >
              {t('Arsipkan', 'Archive')}
            </button>
          </>
        )}
      </PageHeader>
      {archive.error && <Problem error={archive.error} />}
      <Facts
        rows={[
          [
            t('UMKM', 'UMKM'),
            me.role === 'umkm' ? (
              p.umkmName
            ) : (
              <Link key="umkm" href={`/umkm/${p.umkmId}`}>
                {p.umkmName}
              </Link>
            ),
          ],
          [
            t('GTIN / kode batang', 'GTIN / barcode'),
            p.gtin ? (
              <span key="gtin" className="mono">
                {p.gtin}
              </span>
            ) : (
              '—'
            ),
          ],
          [t('Isi bersih', 'Net content'), `${p.netContent} ${unitLabel(p.netUnit, lang)}`],
          [t('Harga pemasok', 'Supplier price'), formatRupiah(p.supplierPrice)],
          [t('Harga jual di rak', 'Shelf price'), formatRupiah(p.retailPrice)],
          [t('Selisih harga (margin ritel)', 'Price difference (retail margin)'), formatRupiah(margin)],
          [t('Umur simpan (hari)', 'Shelf life (days)'), t('{n} hari', '{n} days', { n: p.shelfLifeDays })],
          [t('Cara penyimpanan', 'Storage'), tx(STORAGE_KEY[p.storage])],
          [t('Mudah rusak (makanan basah)', 'Perishable (wet food)'), p.perishable ? t('Ya', 'Yes') : t('Tidak', 'No')],
        ]}
      />

      <h2>{t('Izin & sertifikat', 'Permits & certificates')}</h2>
      <PermitList product={p} regionCode={me.regionCode} />
      {editable &&
        (showPermit ? (
          <AddPermit
            productId={id}
            onDone={(np) => {
              refresh(np);
              setShowPermit(false);
            }}
          />
        ) : (
          <button type="button" className="btn" onClick={() => setShowPermit(true)} data-testid="show-add-permit">
            + {t('Tambah izin', 'Add permit')}
          </button>
        ))}

      <h2>{t('Foto', 'Photos')}</h2>
      {p.photos.length === 0 && <p className="muted">{t('Belum ada foto.', 'No photos yet.')}</p>}
      <Thumbs photos={p.photos} alt={p.name} />
      {editable && p.photos.length < 10 && (
        <PhotoUpload
          name="sha256"
          onStored={async (sha256) => refresh(await api.post<Product>(`/api/products/${id}/photos`, { sha256 }))}
        />
      )}
    </section>
  );
}
