// The shell: the sign-in gate, the header with language switch and navigation per role, and the routes.
// UMKM-owner pages (home, products) are bundled with the entry; the rest is fetched when first opened.
import { type ComponentType, Suspense, useEffect } from 'react';
import { ConfirmHost } from './components/confirm.tsx';
import { lazyNamed, lazyRetry, OfflineBanner, PageBoundary } from './components/resilience.tsx';
import { Loading, Problem } from './components/ui.tsx';
import { type Bilingual, useI18n } from './i18n.tsx';
import { AGREEMENT_ROUTES, agreementsNav } from './pages/agreements/routes.ts';
import { CURATION_ROUTES, curationNav } from './pages/curation/routes.ts';
import { HomePage } from './pages/HomePage.tsx';
import { MARKET_TEST_ROUTES, marketTestsNav } from './pages/markettests/routes.ts';
import { useUnreadCount } from './pages/notifications/inbox.ts';
import { OPERATIONS_ROUTES, operationsNav } from './pages/operations/routes.ts';
import { ProductDetailPage } from './pages/products/ProductDetailPage.tsx';
import { ProductFormPage } from './pages/products/ProductFormPage.tsx';
import { ProductListPage } from './pages/products/ProductListPage.tsx';
import { PROMOTION_ROUTES, promotionsNav } from './pages/promotions/routes.ts';
import { SETTLEMENT_ROUTES, settlementNav } from './pages/settlement/routes.ts';
import { Link, matchPath, useLocation } from './router.tsx';
import { can, goToSignIn, useLogout, useMe } from './session.ts';
import type { Me } from './types.ts';

type Page = ComponentType<{ params: Record<string, string> }>;

const UmkmListPage = lazyRetry(() => import('./pages/umkm/UmkmListPage.tsx'));
const UmkmDetailPage = lazyRetry(() => import('./pages/umkm/UmkmDetailPage.tsx'));
const UmkmFormPage = lazyRetry(() => import('./pages/umkm/UmkmFormPage.tsx'));
const OutletListPage = lazyRetry(() => import('./pages/outlets/OutletListPage.tsx'));
const OutletDetailPage = lazyRetry(() => import('./pages/outlets/OutletDetailPage.tsx'));
const OutletFormPage = lazyRetry(() => import('./pages/outlets/OutletFormPage.tsx'));
const OrganizationsPage = lazyRetry(() => import('./pages/admin/OrganizationsPage.tsx'));
const SecurityLogPage = lazyRetry(() => import('./pages/admin/SecurityLogPage.tsx'));
const UsersPage = lazyRetry(() => import('./pages/admin/UsersPage.tsx'));
const AuditLogPage = lazyRetry(() => import('./pages/admin/AuditLogPage.tsx'));
const PlacementPage = lazyRetry(() => import('./pages/placement/PlacementPage.tsx'));
const SalesImportPage = lazyRetry(() => import('./pages/sales/SalesImportPage.tsx'));
const InboxPage = lazyNamed(() => import('./pages/notifications/InboxPage.tsx'), 'InboxPage');
const MyCataloguePage = lazyNamed(() => import('./pages/catalogue/MyCataloguePage.tsx'), 'MyCataloguePage');

// Specific paths before parameterised ones: `/products/new` is not a product id.
const ROUTES: [string, Page][] = [
  ['/', HomePage],
  ['/products', ProductListPage],
  ['/products/new', ProductFormPage],
  ['/products/:id', ProductDetailPage],
  ['/products/:id/edit', ProductFormPage],
  ['/umkm', UmkmListPage],
  ['/umkm/new', UmkmFormPage],
  ['/umkm/:id', UmkmDetailPage],
  ['/umkm/:id/edit', UmkmFormPage],
  ['/outlets', OutletListPage],
  ['/outlets/new', OutletFormPage],
  ['/outlets/:id', OutletDetailPage],
  ['/outlets/:id/edit', OutletFormPage],
  ['/organizations', OrganizationsPage],
  ['/security', SecurityLogPage],
  ['/users', UsersPage],
  ['/audit', AuditLogPage],
  ['/placement', PlacementPage],
  ['/sales', SalesImportPage],
  ['/inbox', InboxPage],
  ['/catalogue', MyCataloguePage],
  ...CURATION_ROUTES,
  ...AGREEMENT_ROUTES,
  ...OPERATIONS_ROUTES,
  ...SETTLEMENT_ROUTES,
  ...MARKET_TEST_ROUTES,
  ...PROMOTION_ROUTES,
];

/** The inbox's menu entry, for every role: what the count beside it belongs to. */
const INBOX_HREF = '/inbox';

function navFor(me: Me): [string, Bilingual][] {
  const items: [string, Bilingual][] = [
    ['/', { id: 'Beranda', en: 'Home' }],
    [INBOX_HREF, { id: 'Kotak masuk', en: 'Inbox' }],
  ];
  if (me.role === 'umkm') {
    items.push(['/products', { id: 'Produk Saya', en: 'My products' }]);
    if (me.organizationId) items.push([`/umkm/${me.organizationId}`, { id: 'Usaha Saya', en: 'My business' }]);
    items.push(['/catalogue', { id: 'Katalog publik', en: 'Public catalogue' }]);
    items.push(...curationNav(me.role));
    items.push(...agreementsNav(me.role));
    items.push(...operationsNav(me.role));
    items.push(...marketTestsNav(me.role));
    items.push(...settlementNav(me.role));
    items.push(...promotionsNav(me.role, false));
    return items;
  }
  // A bank's staff: the statements offered to their bank, nothing else.
  if (me.role === 'bank') return [...items, ...settlementNav(me.role)];
  // Outlet staff: their one store's work (the server refuses the rest).
  if (me.role === 'retailer' && me.outlet) {
    items.push(
      ['/operations/orders', { id: 'Pesanan', en: 'Orders' }],
      ['/operations/delivery-notes', { id: 'Penerimaan', en: 'Receiving' }],
      ['/operations/stock', { id: 'Stok', en: 'Stock' }],
      ['/operations/returns', { id: 'Retur', en: 'Returns' }],
      ['/market-tests', { id: 'Uji pasar', en: 'Market tests' }],
      ...promotionsNav(me.role, true),
    );
    return items;
  }
  if (me.role === 'retailer') items.push(['/outlets', { id: 'Gerai', en: 'Outlets' }]);
  if (can.listUmkm(me)) items.push(['/umkm', { id: 'UMKM', en: 'UMKM' }]);
  items.push(['/products', { id: 'Produk', en: 'Products' }]);
  if (me.role === 'admin' || me.role === 'pemda') items.push(['/outlets', { id: 'Gerai', en: 'Outlets' }]);
  if (can.organizations(me)) items.push(['/organizations', { id: 'Organisasi', en: 'Organisations' }]);
  if (me.role === 'admin') {
    items.push(['/users', { id: 'Pengguna', en: 'Users' }]);
    items.push(['/audit', { id: 'Log audit', en: 'Audit log' }]);
    items.push(['/security', { id: 'Log keamanan', en: 'Security log' }]);
  }
  if (me.role === 'retailer' || me.role === 'pemda') items.push(['/placement', { id: 'Penempatan', en: 'Placement' }]);
  if (me.role === 'retailer' || me.role === 'admin') items.push(['/sales', { id: 'Penjualan POS', en: 'POS sales' }]);
  items.push(...curationNav(me.role));
  items.push(...agreementsNav(me.role));
  items.push(...operationsNav(me.role));
  items.push(...marketTestsNav(me.role));
  items.push(...settlementNav(me.role));
  items.push(...promotionsNav(me.role, false));
  return items;
}

function LangSwitch() {
  const { lang, setLang, t } = useI18n();
  const other = lang === 'id' ? 'en' : 'id';
  return (
    <button
      type="button"
      className="btn btn-ghost lang"
      onClick={() => setLang(other)}
      aria-label={t('Switch to English', 'Ganti ke Bahasa Indonesia')}
      data-testid="lang-switch"
    >
      {other.toUpperCase()}
    </button>
  );
}

function Header({ me }: { me: Me | null }) {
  const { t, tx, locale } = useI18n();
  const { path } = useLocation();
  const logout = useLogout();
  const unread = useUnreadCount(me !== null);
  return (
    <header className="top">
      <div className="top-bar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Etalase
        </Link>
        <div className="top-actions">
          <LangSwitch />
          {me && (
            <button type="button" className="btn btn-ghost" onClick={() => logout.mutate()} data-testid="logout">
              {t('Keluar', 'Sign out')}
            </button>
          )}
        </div>
      </div>
      {me && (
        <nav className="nav" aria-label={t('Menu utama', 'Main menu')}>
          {navFor(me).map(([href, key]) => {
            const active = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
            return (
              <Link key={href} href={href} className={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
                {tx(key)}
                {href === INBOX_HREF && unread ? (
                  <span className="nav-count" data-testid="unread-count">
                    <span aria-hidden="true">{unread > 99 ? '99+' : new Intl.NumberFormat(locale).format(unread)}</span>
                    {/* read after the entry's name: "Kotak masuk 2 belum dibaca" */}
                    <span className="sr-only">{t('{n} belum dibaca', '{n} unread', { n: unread })}</span>
                  </span>
                ) : null}
              </Link>
            );
          })}
        </nav>
      )}
    </header>
  );
}

function Routes() {
  const { path } = useLocation();
  const { t } = useI18n();
  for (const [pattern, Component] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return <Component params={params} />;
  }
  return (
    <section className="page">
      <h1>{t('Halaman tidak ditemukan', 'Page not found')}</h1>
      <p>
        <Link href="/">{t('Beranda', 'Home')}</Link>
      </p>
    </section>
  );
}

export function App() {
  const { t } = useI18n();
  const me = useMe();
  const { path } = useLocation();
  const user = me.data ?? null;

  // Signed out: the server's sign-in page (/login is not a route of this app), and back here afterwards.
  useEffect(() => {
    if (!me.isPending && !me.isError && !user) goToSignIn(path + window.location.search);
  }, [me.isPending, me.isError, user, path]);

  let body: React.ReactNode;
  if (me.isPending) body = <Loading />;
  else if (me.isError) body = <Problem error={me.error} onRetry={() => me.refetch()} />;
  else if (!user) body = <Loading />;
  else
    body = (
      <PageBoundary resetKey={path}>
        <Suspense fallback={<Loading />}>
          <Routes />
        </Suspense>
      </PageBoundary>
    );

  return (
    <>
      <a className="skip" href="#main">
        {t('Langsung ke isi', 'Skip to content')}
      </a>
      <Header me={user} />
      <OfflineBanner />
      <main id="main" className="main">
        {body}
      </main>
      <ConfirmHost />
    </>
  );
}
