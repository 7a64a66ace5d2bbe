// The home page of each role: what this role does here, its key counts (the list endpoints' `total`),
// and where to go next. Counts are scoped by the server, so the same call answers per role.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { fetchPage } from '../api.ts';
import { RegionName } from '../components/RegionPicker.tsx';
import { ButtonLink, PageHeader, StatCard } from '../components/ui.tsx';
import { formatNowIn } from '../format.ts';
import { type Bilingual, useI18n } from '../i18n.tsx';
import { useUser } from '../session.ts';
import type { Me, Role } from '../types.ts';
import { AgreementReminders } from './agreements/AgreementReminders.tsx';
import { MentoringInvitations } from './mentoring/Invitations.tsx';
import { OperationsHome } from './operations/OperationsHome.tsx';

type Params = Record<string, string | number | boolean | undefined>;

/** How many rows a list would answer: one row asked, its `total` (maybe an estimate) read. */
function useTotal(resource: string, params: Params = {}, enabled = true) {
  const q = useQuery({
    queryKey: ['total', resource, params],
    queryFn: () => fetchPage(resource, { ...params, limit: 1 }),
    enabled,
  });
  return q.data;
}

const TITLE: Record<Role, Bilingual> = {
  admin: { id: 'Administrasi Etalase', en: 'Etalase administration' },
  pemda: { id: 'Program UMKM Daerah', en: 'Regional UMKM programme' },
  retailer: { id: 'Kemitraan Ritel', en: 'Retail partnership' },
  umkm: { id: 'Usaha Saya', en: 'My business' },
  mentor: { id: 'Pendampingan UMKM', en: 'UMKM mentoring' },
  bank: { id: 'Pembiayaan UMKM', en: 'UMKM financing' },
};
const INTRO: Record<Role, Bilingual> = {
  bank: {
    id: 'Rekap tagihan yang diajukan UMKM kepada bank Anda untuk pembayaran dini, dengan bukti penjualan dan penerimaan barangnya.',
    en: 'Statements UMKM offer your bank for early payment, with the sales and goods receipts behind them.',
  },
  admin: {
    id: 'Kelola organisasi (pemerintah daerah, jaringan ritel, cabang, bank), pengguna dan data rujukan untuk seluruh instalasi.',
    en: 'Manage organisations (local governments, retail chains, branches, banks), users and reference data for the whole installation.',
  },
  pemda: {
    id: 'Daftarkan dan kurasi UMKM di wilayah Anda, pantau produk mereka dan gerai ritel modern yang dapat memajangnya.',
    en: 'Register and curate the UMKM of your region, follow their products and the modern retail outlets that can shelve them.',
  },
  retailer: {
    id: 'Kelola gerai jaringan Anda — kapasitas rak produk lokal dan penerimaan makanan basah — serta tinjau produk UMKM yang siap dipajang.',
    en: "Manage your chain's outlets — local-product shelf capacity and whether they take wet food — and review UMKM products ready for the shelf.",
  },
  umkm: {
    id: 'Daftarkan produk Anda, lengkapi izin (P-IRT, BPOM, halal) dan foto, agar siap dikurasi dan dipajang di minimarket.',
    en: 'Register your products, complete their permits (P-IRT, BPOM, halal) and photos, so they are ready for curation and the minimarket shelf.',
  },
  mentor: {
    id: 'Lihat UMKM dampingan Anda beserta produk dan kelengkapan izinnya untuk menyiapkan sesi pendampingan.',
    en: 'See the UMKM assigned to you, with their products and permits, to prepare mentoring sessions.',
  },
};

function Stats({ children }: { children: ReactNode }) {
  return <div className="stats">{children}</div>;
}

function AdminHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard
          label={t('Organisasi', 'Organisations')}
          value={useTotal('organizations')}
          href="/organizations"
          testId="stat-organizations"
        />
        <StatCard label={t('UMKM', 'UMKM')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('Produk', 'Products')} value={useTotal('products')} href="/products" testId="stat-products" />
        <StatCard label={t('Gerai', 'Outlets')} value={useTotal('outlets')} href="/outlets" testId="stat-outlets" />
        <StatCard label={t('Pengguna', 'Users')} value={useTotal('users')} href="/users" testId="stat-users" />
        <StatCard
          label={t('Pengguna nonaktif', 'Disabled users')}
          value={useTotal('users', { status: 'disabled' })}
          href="/users?status=disabled"
        />
      </Stats>
      <div className="actions">
        <ButtonLink href="/users" primary testId="home-users">
          {t('Kelola pengguna', 'Manage users')}
        </ButtonLink>
        <ButtonLink href="/audit" testId="home-audit">
          {t('Log audit', 'Audit log')}
        </ButtonLink>
        <ButtonLink href="/umkm/new">{t('Daftarkan UMKM', 'Register a UMKM')}</ButtonLink>
        <ButtonLink href="/outlets/new">{t('Tambah gerai', 'Add outlet')}</ButtonLink>
        <a className="btn" href="/api/docs">
          {t('Dokumentasi API', 'API documentation')}
        </a>
      </div>
    </>
  );
}

function BankHome() {
  const { t } = useI18n();
  return (
    <Stats>
      <StatCard
        label={t('Pengajuan pembayaran dini', 'Early-payment requests')}
        value={useTotal('settlement/financing')}
        href="/settlement/financing"
        testId="stat-financing"
      />
    </Stats>
  );
}

function PemdaHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('UMKM', 'UMKM')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('Produk', 'Products')} value={useTotal('products')} href="/products" testId="stat-products" />
        <StatCard
          label={t('Produk mudah rusak', 'Perishable products')}
          value={useTotal('products', { perishable: true })}
          href="/products"
        />
        <StatCard label={t('Gerai', 'Outlets')} value={useTotal('outlets')} href="/outlets" testId="stat-outlets" />
        <StatCard
          label={t('Pembayaran lewat batas 15 hari', 'Payments past the 15-day limit')}
          value={useTotal('settlement/statements', { view: 'escalated' })}
          href="/settlement?view=escalated"
          testId="stat-escalated"
        />
      </Stats>
      <div className="actions">
        <ButtonLink href="/umkm/new" primary>
          {t('Daftarkan UMKM', 'Register a UMKM')}
        </ButtonLink>
        <ButtonLink href="/umkm">{t('UMKM', 'UMKM')}</ButtonLink>
        <ButtonLink href="/outlets">{t('Gerai', 'Outlets')}</ButtonLink>
        <ButtonLink href="/placement" testId="home-placement">
          {t('Rencana penempatan', 'Placement plan')}
        </ButtonLink>
      </div>
    </>
  );
}

function RetailerHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('Gerai', 'Outlets')} value={useTotal('outlets')} href="/outlets" testId="stat-outlets" />
        <StatCard
          label={t('Gerai menerima makanan basah', 'Outlets taking wet food')}
          value={useTotal('outlets', { acceptsPerishable: true })}
          href="/outlets"
        />
        <StatCard label={t('UMKM', 'UMKM')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('Produk', 'Products')} value={useTotal('products')} href="/products" testId="stat-products" />
      </Stats>
      <OperationsHome />
      <div className="actions">
        <ButtonLink href="/outlets/new" primary>
          {t('Tambah gerai', 'Add outlet')}
        </ButtonLink>
        <ButtonLink href="/products">{t('Lihat produk UMKM', 'Browse UMKM products')}</ButtonLink>
        <ButtonLink href="/placement" testId="home-placement">
          {t('Rencana penempatan', 'Placement plan')}
        </ButtonLink>
      </div>
    </>
  );
}

/** Outlet staff: one store's day — what arrives (receipts to record), what is on the shelf, what to order. */
function StoreHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard
          label={t('Surat jalan belum diterima', 'Delivery notes not yet received')}
          value={useTotal('operations/delivery-notes', { status: 'issued' })}
          href="/operations/delivery-notes"
          testId="stat-notes-open"
        />
        <StatCard
          label={t('Batch di rak', 'Batches on the shelf')}
          value={useTotal('operations/stock')}
          href="/operations/stock"
          testId="stat-stock"
        />
        <StatCard label={t('Pesanan', 'Orders')} value={useTotal('operations/orders')} href="/operations/orders" />
      </Stats>
      <OperationsHome />
      <div className="actions">
        <ButtonLink href="/operations/delivery-notes" primary testId="home-receive">
          {t('Catat barang datang', 'Record goods received')}
        </ButtonLink>
        <ButtonLink href="/operations/stock" testId="home-stock">
          {t('Stok toko', 'Store stock')}
        </ButtonLink>
        <ButtonLink href="/operations/orders/new">{t('Buat pesanan', 'New order')}</ButtonLink>
      </div>
    </>
  );
}

function UmkmHome({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('Produk saya', 'My products')} value={useTotal('products')} href="/products" testId="stat-products" />
        <StatCard
          label={t('Tagihan terlambat dibayar', 'Bills paid late')}
          value={useTotal('settlement/statements', { view: 'overdue' })}
          href="/settlement?view=overdue"
          testId="stat-overdue"
        />
        <StatCard
          label={t('Produk mudah rusak', 'Perishable products')}
          value={useTotal('products', { perishable: true })}
          href="/products"
        />
        <StatCard label={t('Gerai di provinsi Anda', 'Outlets in your province')} value={useTotal('outlets')} />
      </Stats>
      <OperationsHome />
      <MentoringInvitations />
      <div className="actions">
        <ButtonLink href="/products/new" primary testId="home-new-product">
          {t('Tambah produk', 'Add product')}
        </ButtonLink>
        <ButtonLink href="/products">{t('Produk Saya', 'My products')}</ButtonLink>
        {me.organizationId && <ButtonLink href={`/umkm/${me.organizationId}`}>{t('Usaha Saya', 'My business')}</ButtonLink>}
      </div>
      <section className="card steps">
        <h2>{t('Langkah menuju rak minimarket', 'Steps to the minimarket shelf')}</h2>
        <ol>
          <li>
            {t(
              'Tambahkan setiap produk dengan harga, isi bersih dan umur simpan.',
              'Add each product with its prices, net content and shelf life.',
            )}
          </li>
          <li>
            {t(
              'Unggah izin P-IRT atau BPOM dan sertifikat halal beserta tanggal berlakunya.',
              'Upload the P-IRT or BPOM permit and the halal certificate with their dates.',
            )}
          </li>
          <li>
            {t(
              'Unggah foto kemasan yang jelas dan, bila ada, kode batang (GTIN).',
              'Upload clear packaging photos and, if it has one, the barcode (GTIN).',
            )}
          </li>
        </ol>
      </section>
    </>
  );
}

function MentorHome() {
  const { t } = useI18n();
  return (
    <>
      <Stats>
        <StatCard label={t('UMKM dampingan', 'Assigned UMKM')} value={useTotal('umkm')} href="/umkm" testId="stat-umkm" />
        <StatCard label={t('Produk', 'Products')} value={useTotal('products')} href="/products" testId="stat-products" />
      </Stats>
      <div className="actions">
        <ButtonLink href="/umkm" primary>
          {t('UMKM', 'UMKM')}
        </ButtonLink>
      </div>
    </>
  );
}

export function HomePage() {
  const me = useUser();
  const { t, tx, lang } = useI18n();
  const subtitle = (
    <>
      {t('Halo', 'Hello')}, <span translate="no">{me.name}</span>
      {me.organizationName && (
        <>
          {' · '}
          <span translate="no">{me.organizationName}</span>
        </>
      )}
      {me.role === 'pemda' && me.regionCode && (
        <>
          {' · '}
          <RegionName code={me.regionCode} />
        </>
      )}
      <br />
      <span className="small">{formatNowIn(me.regionCode, lang)}</span>
    </>
  );
  const store = me.role === 'retailer' ? me.outlet : null;
  return (
    <section className="page" data-role={store ? 'outlet' : me.role}>
      <PageHeader
        title={store ? t('Toko {name}', 'Store {name}', { name: store.name }) : tx(TITLE[me.role])}
        subtitle={subtitle}
        testId="home-title"
      />
      <p className="intro">
        {store
          ? t(
              'Catat barang yang datang dari UMKM, hitung stok di rak, catat barang kedaluwarsa dan retur, dan pesan lagi untuk toko {code} ini.',
              'Record the goods that arrive from UMKM, count the stock on the shelf, write off expired goods and returns, and order again for this store {code}.',
              { code: store.storeCode },
            )
          : tx(INTRO[me.role])}
      </p>
      {me.demo && (
        <p className="badge badge-warn demo-note">
          {t('Mode demo: data contoh, bukan data sebenarnya.', 'Demo mode: sample data, not real records.')}
        </p>
      )}
      {me.role === 'admin' && <AdminHome />}
      {me.role === 'pemda' && <PemdaHome />}
      {me.role === 'retailer' && (store ? <StoreHome /> : <RetailerHome />)}
      {me.role === 'umkm' && <UmkmHome me={me} />}
      {me.role === 'mentor' && <MentorHome />}
      {me.role === 'bank' && <BankHome />}
      {me.role !== 'mentor' && me.role !== 'bank' && !store && <AgreementReminders />}
    </section>
  );
}
