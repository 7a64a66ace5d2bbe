// The public catalogue as server-rendered pages (C11): what a shopper opens from a WhatsApp link on a cheap
// phone. Home and search (/katalog), a product with the outlets carrying it nearest first and an offline map
// (/katalog/produk/:id), a maker (/katalog/pembuat/:id), a region (/katalog/wilayah/:code). The pages show
// the service's public answers only (the same objects as /api/public/*), with schema.org JSON-LD and sharing
// tags; the only script is the small deferred "use my location" helper.
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';
import { formatDate, formatNumber, formatRupiah, type Lang } from '../../platform/format.ts';
import { inLang, langOf, originOf, pick, renderPage, sendPage } from '../../platform/page/page.tsx';
import { displayName } from '../regions/regions.rules.ts';
import type { Point } from './catalogue.rules.ts';
import { zRegionPageQuery, zSearchQuery, zWhereQuery } from './catalogue.schemas.ts';
import {
  districtChoices,
  makerPage,
  type Offer,
  type ProductCard,
  type ProductPage,
  productPage,
  regionPage,
  searchCatalogue,
} from './catalogue.service.ts';

const PAGE_SIZE = 24;
const SCRIPT = fs.readFileSync(new URL('./catalogue.client.js', import.meta.url), 'utf8');
const SCRIPT_PATH = '/katalog/lokasi.js';

/** An outlet as people name it: "Alfamart Lingkar Barat 3" (the chain once, whether or not the store's
 *  name already starts with it), and its address with the kecamatan unless the address names it. */
const outletTitle = (o: { chain: string; name: string }) => (o.name.startsWith(o.chain) ? o.name : `${o.chain} ${o.name}`);
const outletAddress = (o: { address: string; district: { name: string } }) =>
  o.address.includes(o.district.name) ? o.address : `${o.address}, ${o.district.name}`;

const priceText = (c: { priceMin: bigint; priceMax: bigint }) =>
  c.priceMin === c.priceMax ? formatRupiah(c.priceMin) : `${formatRupiah(c.priceMin)} – ${formatRupiah(c.priceMax)}`;
const placeText = (c: { madeIn: { name: string }[] }) => c.madeIn.map((p) => p.name).join(', ');

function Cards({ items, lang }: { items: ProductCard[]; lang: Lang }) {
  const t = pick(lang);
  return (
    <ul className="grid">
      {items.map((c) => (
        <li key={c.id} className="tile">
          <a href={inLang(lang, `/katalog/produk/${c.id}`)}>
            {c.photo ? (
              <img src={c.photo.small} alt="" width={320} height={240} loading="lazy" decoding="async" />
            ) : (
              <span className="noimg" aria-hidden="true" />
            )}
            <span className="t" translate="no">
              {c.name}
            </span>
            <span className="s" translate="no">
              {c.maker.name}
            </span>
            <span className="s">{placeText(c)}</span>
            <span className="s">
              <span className="price">{priceText(c)}</span> ·{' '}
              {t(`${c.outlets} gerai`, `${c.outlets} ${c.outlets === 1 ? 'outlet' : 'outlets'}`)}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** An offline map: the outlets (numbered as in the list) and the shopper's place, drawn to scale on a plain
 *  background — no tiles to download, nothing to wait for. */
function OfferMap({ offers, from, lang }: { offers: Offer[]; from: Point | null; lang: Lang }) {
  const t = pick(lang);
  const pts: Point[] = [...offers, ...(from ? [from] : [])];
  if (pts.length === 0) return null;
  const W = 320;
  const H = 200;
  const pad = 18;
  const lat0 = pts.reduce((s, p) => s + p.lat, 0) / pts.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = pts.map((p) => p.lon * k);
  const ys = pts.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, ((maxY - minY) * (W - 2 * pad)) / (H - 2 * pad), 0.01);
  const scale = (W - 2 * pad) / span;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const X = (p: Point) => W / 2 + (p.lon * k - cx) * scale;
  const Y = (p: Point) => H / 2 - (p.lat - cy) * scale;
  // A scale bar of a round length near a quarter of the width: 1 degree of latitude ≈ 111.2 km.
  const kmPerPx = 111.2 / scale;
  const barKm = [0.2, 0.5, 1, 2, 5, 10, 20, 50, 100].find((d) => d / kmPerPx >= W / 6) ?? 100;
  const barPx = barKm / kmPerPx;
  return (
    <svg
      className="map"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t(`Peta ${offers.length} gerai`, `Map of ${offers.length} outlets`)}
      data-testid="offer-map"
    >
      <rect width={W} height={H} fill="#eaf3f7" />
      {from && (
        <g>
          <circle cx={X(from)} cy={Y(from)} r="7" fill="#f2b233" stroke="#1c2526" strokeWidth="2" />
          <text x={X(from) + 10} y={Y(from) + 4} fontSize="11" fill="#1c2526">
            {t('Anda', 'You')}
          </text>
        </g>
      )}
      {offers.map((o, i) => (
        <g key={`${o.chain}-${o.storeCode}`}>
          <circle cx={X(o)} cy={Y(o)} r="9" fill="#0f5f5c" stroke="#fff" strokeWidth="1.5" />
          <text x={X(o)} y={Y(o) + 4} fontSize="10" fill="#fff" textAnchor="middle" fontWeight="700">
            {i + 1}
          </text>
        </g>
      ))}
      <g>
        <line x1={pad} y1={H - 10} x2={pad + barPx} y2={H - 10} stroke="#1c2526" strokeWidth="2" />
        <text x={pad} y={H - 14} fontSize="10" fill="#1c2526">
          {formatNumber(barKm, lang)} km
        </text>
      </g>
      {/* North, drawn: an arrow glyph is in no font the page otherwise needs (a phone would search for one). */}
      <text x={W - 20} y={18} fontSize="11" fill="#1c2526" textAnchor="end">
        {t('U', 'N')}
      </text>
      <path d={`M${W - 13} 8 l4 6 h-3 v5 h-2 v-5 h-3 z`} fill="#1c2526" />
    </svg>
  );
}

function productJsonLd(p: ProductPage, origin: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    category: p.categoryLabel.id,
    ...(p.gtin ? { gtin13: p.gtin } : {}),
    ...(p.photo ? { image: `${origin}${p.photo.share}` } : {}),
    brand: { '@type': 'Brand', name: p.maker.name },
    manufacturer: { '@type': 'Organization', name: p.maker.name, url: `${origin}/katalog/pembuat/${p.maker.id}` },
    url: `${origin}/katalog/produk/${p.id}`,
    offers: p.offers.map((o) => ({
      '@type': 'Offer',
      price: o.shelfPrice.toString(),
      priceCurrency: 'IDR',
      availability:
        o.stock === 'out'
          ? 'https://schema.org/OutOfStock'
          : o.stock === 'low'
            ? 'https://schema.org/LimitedAvailability'
            : 'https://schema.org/InStock',
      seller: { '@type': 'Organization', name: o.chain },
      availableAtOrFrom: {
        '@type': 'Store',
        name: outletTitle(o),
        address: { '@type': 'PostalAddress', streetAddress: o.address, addressLocality: o.district.name, addressCountry: 'ID' },
        geo: { '@type': 'GeoCoordinates', latitude: o.lat, longitude: o.lon },
      },
    })),
  };
}

function PlacePicker({ p, districts, lang }: { p: ProductPage; districts: { code: string; name: string }[]; lang: Lang }) {
  const t = pick(lang);
  return (
    <form className="card" method="get" action={`/katalog/produk/${p.id}`} data-testid="place-form">
      {lang === 'en' && <input type="hidden" name="lang" value="en" />}
      <div className="row">
        <div className="field">
          <label htmlFor="f-district">{t('Kecamatan Anda', 'Your district')}</label>
          <select id="f-district" name="district" defaultValue={districts.find((d) => d.name === p.from?.label)?.code ?? ''}>
            <option value="">{t('— pilih kecamatan —', '— choose a district —')}</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn">
          {t('Urutkan dari sini', 'Sort from here')}
        </button>
      </div>
      <button
        type="button"
        className="btn btn-block"
        id="use-location"
        hidden
        data-href={inLang(lang, `/katalog/produk/${p.id}`)}
        data-denied={t('Lokasi tidak diizinkan; pilih kecamatan.', 'Location not allowed; choose a district.')}
      >
        {t('Gunakan lokasi saya', 'Use my location')}
      </button>
      <p className="small muted" id="location-note" aria-live="polite" />
    </form>
  );
}

function ProductView({ p, districts, lang }: { p: ProductPage; districts: { code: string; name: string }[]; lang: Lang }) {
  const t = pick(lang);
  return (
    <>
      <p className="small">
        <a href={inLang(lang, '/katalog')}>{t('Katalog', 'Catalogue')}</a> › {p.categoryLabel[lang]}
      </p>
      <div className="hero">
        {p.photo ? (
          <img
            className="tile"
            src={p.photo.large}
            srcSet={`${p.photo.small} 320w, ${p.photo.large} 640w`}
            sizes="(max-width: 40rem) 100vw, 640px"
            alt={p.name}
            width={640}
            height={480}
            fetchPriority="high"
          />
        ) : (
          <div className="noimg tile" aria-hidden="true" />
        )}
        <div>
          <h1 translate="no" data-testid="product-name">
            {p.name}
          </h1>
          <p className="price" data-testid="product-price">
            {priceText(p)}
          </p>
          <p>
            {t('Buatan', 'Made by')}{' '}
            <a href={inLang(lang, `/katalog/pembuat/${p.maker.id}`)} translate="no">
              {p.maker.name}
            </a>
            , {placeText(p)}
          </p>
          {p.permits.length > 0 && (
            <ul className="badges" aria-label={t('Izin dan sertifikat', 'Permits and certificates')}>
              {p.permits.map((x) => (
                <li key={`${x.type}-${x.number}`} className="badge" title={x.number}>
                  {x.label[lang]} <span className="sr-only">{x.number}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="small muted">
            {p.netContent} · {p.categoryLabel[lang]}
            {p.gtin ? ` · GTIN ${p.gtin}` : ''}
          </p>
          {p.story && (
            <p className="small" translate="no">
              {p.story}
            </p>
          )}
        </div>
      </div>
      <h2 id="tersedia">
        {t(`Tersedia di ${p.offers.length} gerai`, `Available at ${p.offers.length} ${p.offers.length === 1 ? 'outlet' : 'outlets'}`)}
      </h2>
      <PlacePicker p={p} districts={districts} lang={lang} />
      <OfferMap offers={p.offers} from={p.from} lang={lang} />
      <p className="small muted" data-testid="estimate-note">
        {t(
          `Perkiraan dari catatan stok konsinyasi gerai per ${formatDate(p.asOf, 'id')}; pastikan di gerai. Harga rak menurut PKS yang berlaku.`,
          `Estimated from the outlets' consignment stock records as of ${formatDate(p.asOf, 'en')}; check at the store. Shelf prices as in the agreement in force.`,
        )}
      </p>
      <ol className="list offers" data-testid="offers">
        {p.offers.map((o) => (
          <li key={`${o.chain}-${o.storeCode}`} data-testid="offer">
            <h3>{outletTitle(o)}</h3>
            <p className="small">{outletAddress(o)}</p>
            <p className="small">
              {o.distanceKm !== null && (
                <>
                  <strong data-testid="offer-distance">{formatNumber(o.distanceKm, lang)} km</strong> ·{' '}
                </>
              )}
              <span className="price">{formatRupiah(o.shelfPrice)}</span> ·{' '}
              <span className={o.stock === 'in_stock' ? 'pill' : 'pill warn'}>{o.stockLabel[lang]}</span>
              {o.stockOn && (
                <span className="muted"> {t(`(per ${formatDate(o.stockOn, 'id')})`, `(as of ${formatDate(o.stockOn, 'en')})`)}</span>
              )}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}

function SearchForm({
  q,
  category,
  region,
  categories,
  regions,
  lang,
}: {
  q?: string;
  category?: string;
  region?: string;
  categories: { code: string; label: { id: string; en: string } }[];
  regions: { code: string; name: string }[];
  lang: Lang;
}) {
  const t = pick(lang);
  return (
    <form className="card" method="get" action="/katalog" data-testid="search-form">
      {lang === 'en' && <input type="hidden" name="lang" value="en" />}
      <div className="field">
        <label htmlFor="f-q">{t('Cari produk atau pembuat', 'Search a product or maker')}</label>
        <input id="f-q" name="q" type="search" defaultValue={q ?? ''} placeholder={t('mis. kerupuk', 'e.g. kerupuk')} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="f-category">{t('Kategori', 'Category')}</label>
          <select id="f-category" name="category" defaultValue={category ?? ''}>
            <option value="">{t('Semua kategori', 'All categories')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label[lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-region">{t('Daerah gerai', 'Where you shop')}</label>
          <select id="f-region" name="region" defaultValue={region ?? ''}>
            <option value="">{t('Semua daerah', 'All regions')}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary">
          {t('Cari', 'Search')}
        </button>
      </div>
    </form>
  );
}

function Pager({ total, offset, base, lang }: { total: number; offset: number; base: URLSearchParams; lang: Lang }) {
  const t = pick(lang);
  if (total <= PAGE_SIZE) return null;
  const page = Math.floor(offset / PAGE_SIZE) + 1;
  const pages = Math.ceil(total / PAGE_SIZE);
  const link = (p: number) => {
    const u = new URLSearchParams(base);
    u.set('page', String(p));
    return `?${u.toString()}`;
  };
  return (
    <nav className="pager" aria-label={t('Halaman', 'Pages')}>
      {page > 1 ? <a href={link(page - 1)}>{t('‹ Sebelumnya', '‹ Previous')}</a> : <span />}
      <span>{t(`Halaman ${page} dari ${pages}`, `Page ${page} of ${pages}`)}</span>
      {page < pages ? <a href={link(page + 1)}>{t('Berikutnya ›', 'Next ›')}</a> : <span />}
    </nav>
  );
}

function notFoundPage(reply: FastifyReply, lang: Lang, path: string) {
  const t = pick(lang);
  return sendPage(
    reply,
    renderPage({
      lang,
      path,
      title: t('Tidak ditemukan — Etalase', 'Not found — Etalase'),
      description: t(
        'Halaman ini tidak ada atau produknya sedang tidak dipajang.',
        'This page does not exist or the product is not on a shelf now.',
      ),
      body: (
        <section className="narrow card">
          <h1>{t('Tidak ditemukan', 'Not found')}</h1>
          <p>
            {t(
              'Halaman ini tidak ada, atau produknya sedang tidak dipajang di gerai.',
              'This page does not exist, or the product is not on a shelf now.',
            )}
          </p>
          <p>
            <a href={inLang(lang, '/katalog')}>{t('Kembali ke katalog', 'Back to the catalogue')}</a>
          </p>
        </section>
      ),
      nav: <a href={inLang(lang, '/login')}>{t('Masuk', 'Sign in')}</a>,
    }),
    404,
  );
}

const isNotFound = (e: unknown) => e instanceof AppError && e.status === 404;

/** Regencies of the outlets carrying public products (for the region choice), from the kecamatan list. */
async function shoppingRegions(req: FastifyRequest) {
  const districts = await districtChoices(req.server.db, req.now);
  const codes = [...new Set(districts.map((d) => d.code.split('.').slice(0, 2).join('.')))];
  const rows = codes.length ? await req.server.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute() : [];
  return rows.map((r) => ({ code: r.code, name: displayName(r.name) })).sort((a, b) => a.name.localeCompare(b.name, 'id'));
}

export async function cataloguePages(app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts;
  const nav = (lang: Lang) => <a href={inLang(lang, '/login')}>{pick(lang)('Masuk', 'Sign in')}</a>;

  app.get(SCRIPT_PATH, { config: { policy: 'catalogue.read' }, schema: { hide: true } }, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/javascript; charset=utf-8').send(SCRIPT),
  );

  app.get('/katalog', { config: { policy: 'catalogue.read' }, schema: { hide: true } }, async (req, reply) => {
    const lang = langOf(req);
    const t = pick(lang);
    const raw = req.query as Record<string, string>;
    const page = Math.max(1, Math.min(1000, Number.parseInt(raw.page ?? '1', 10) || 1));
    const parsed = zSearchQuery.safeParse({ q: raw.q || undefined, category: raw.category || undefined, region: raw.region || undefined });
    const f = parsed.success ? parsed.data : { q: undefined, category: undefined, region: undefined };
    const offset = (page - 1) * PAGE_SIZE;
    const [result, regions] = await Promise.all([
      searchCatalogue(req.server.db, req.now, { q: f.q, category: f.category, region: f.region, limit: PAGE_SIZE, offset }),
      shoppingRegions(req),
    ]);
    const searching = Boolean(f.q || f.category || f.region);
    const base = new URLSearchParams(
      Object.entries({ q: f.q, category: f.category, region: f.region }).filter(([, v]) => v) as [string, string][],
    );
    const regionName = regions.find((r) => r.code === f.region)?.name;
    const title = searching
      ? t(
          `${f.q ? `“${f.q}”` : 'Produk lokal'}${regionName ? ` di ${regionName}` : ''} — Etalase`,
          `${f.q ? `“${f.q}”` : 'Local products'}${regionName ? ` in ${regionName}` : ''} — Etalase`,
        )
      : t('Produk UMKM lokal di minimarket dekat Anda — Etalase', 'Local UMKM products at a minimarket near you — Etalase');
    const html = renderPage({
      lang,
      path: req.url,
      origin: originOf(req, config),
      title,
      description: t(
        'Cari produk UMKM lokal yang dijual di Alfamart, Alfamidi dan Indomaret dekat Anda, dari program kemitraan Dinas Koperasi dan UKM.',
        'Find local UMKM products sold at Alfamart, Alfamidi and Indomaret near you, from the Dinas Koperasi dan UKM partnership programme.',
      ),
      nav: nav(lang),
      body: (
        <>
          <h1 data-testid="catalogue-title">{t('Produk lokal di rak minimarket', 'Local products on minimarket shelves')}</h1>
          <p className="muted">
            {t(
              'Produk UMKM binaan Dinas Koperasi dan UKM yang kini dijual di gerai ritel modern. Cari, lalu lihat gerai terdekat yang menjualnya.',
              'UMKM products from the Dinas Koperasi dan UKM programmes, now sold in modern retail outlets. Search, then see the nearest outlet carrying it.',
            )}
          </p>
          <SearchForm q={f.q} category={f.category} region={f.region} categories={result.categories} regions={regions} lang={lang} />
          {!parsed.success && (
            <p className="problem">
              {t('Sebagian isian pencarian tidak dikenali dan diabaikan.', 'Part of the search was not understood and was ignored.')}
            </p>
          )}
          <h2 data-testid="result-count">
            {searching
              ? t(`${result.total} produk ditemukan`, `${result.total} ${result.total === 1 ? 'product' : 'products'} found`)
              : t(`${result.total} produk lokal di rak`, `${result.total} local products on the shelves`)}
          </h2>
          {result.items.length === 0 ? (
            <p>
              {t(
                'Belum ada produk yang cocok. Coba kata lain atau semua daerah.',
                'No product matches yet. Try another word or all regions.',
              )}
            </p>
          ) : (
            <Cards items={result.items} lang={lang} />
          )}
          <Pager total={result.total} offset={offset} base={base} lang={lang} />
          {!searching && regions.length > 0 && (
            <>
              <h2>{t('Menurut daerah', 'By region')}</h2>
              <ul className="list">
                {regions.map((r) => (
                  <li key={r.code}>
                    <a href={inLang(lang, `/katalog/wilayah/${r.code}`)}>{r.name}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ),
    });
    return sendPage(reply, html);
  });

  app.get('/katalog/produk/:id', { config: { policy: 'catalogue.read' }, schema: { hide: true } }, async (req, reply) => {
    const lang = langOf(req);
    const t = pick(lang);
    const { id } = req.params as { id: string };
    const raw = req.query as Record<string, string>;
    const where = zWhereQuery.safeParse({ lat: raw.lat || undefined, lon: raw.lon || undefined, district: raw.district || undefined });
    if (!/^[0-9a-f-]{36}$/i.test(id)) return notFoundPage(reply, lang, req.url);
    let p: ProductPage;
    try {
      p = await productPage(req.server.db, req.now, id, where.success ? where.data : {});
    } catch (e) {
      if (isNotFound(e)) return notFoundPage(reply, lang, req.url);
      throw e;
    }
    const regency = p.offers[0]?.district.code.split('.').slice(0, 2).join('.');
    const districts = await districtChoices(req.server.db, req.now, regency);
    const origin = originOf(req, config);
    const html = renderPage({
      lang,
      path: `/katalog/produk/${p.id}`,
      origin,
      title: `${p.name} — ${p.maker.name} — Etalase`,
      description: t(
        `${p.name} buatan ${p.maker.name} (${placeText(p)}), ${priceText(p)}, tersedia di ${p.offers.length} gerai.`,
        `${p.name} made by ${p.maker.name} (${placeText(p)}), ${priceText(p)}, at ${p.offers.length} outlets.`,
      ),
      image: p.photo?.share ?? null,
      jsonLd: [productJsonLd(p, origin)],
      scripts: [SCRIPT_PATH],
      nav: nav(lang),
      body: <ProductView p={p} districts={districts} lang={lang} />,
    });
    return sendPage(reply, html);
  });

  app.get('/katalog/pembuat/:id', { config: { policy: 'catalogue.read' }, schema: { hide: true } }, async (req, reply) => {
    const lang = langOf(req);
    const t = pick(lang);
    const { id } = req.params as { id: string };
    if (!/^[0-9a-f-]{36}$/i.test(id)) return notFoundPage(reply, lang, req.url);
    let m: Awaited<ReturnType<typeof makerPage>>;
    try {
      m = await makerPage(req.server.db, req.now, id);
    } catch (e) {
      if (isNotFound(e)) return notFoundPage(reply, lang, req.url);
      throw e;
    }
    const origin = originOf(req, config);
    const html = renderPage({
      lang,
      path: `/katalog/pembuat/${m.id}`,
      origin,
      title: `${m.name} — Etalase`,
      description: t(
        `${m.name}, ${placeText(m)}: ${m.products.length} produk di rak minimarket.`,
        `${m.name}, ${placeText(m)}: ${m.products.length} products on minimarket shelves.`,
      ),
      image: m.products.find((x) => x.photo)?.photo?.share ?? null,
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'Organization',
          name: m.name,
          url: `${origin}/katalog/pembuat/${m.id}`,
          ...(m.phone ? { telephone: m.phone } : {}),
        },
      ],
      nav: nav(lang),
      body: (
        <>
          <p className="small">
            <a href={inLang(lang, '/katalog')}>{t('Katalog', 'Catalogue')}</a>
          </p>
          <h1 translate="no" data-testid="maker-name">
            {m.name}
          </h1>
          <p className="muted">{placeText(m)}</p>
          {m.story && (
            <p translate="no" data-testid="maker-story">
              {m.story}
            </p>
          )}
          {m.phone && (
            <p>
              {t('Telepon', 'Phone')}: <a href={`tel:${m.phone}`}>{m.phone}</a>
            </p>
          )}
          <h2>{t(`${m.products.length} produk di rak`, `${m.products.length} products on the shelves`)}</h2>
          <Cards items={m.products} lang={lang} />
        </>
      ),
    });
    return sendPage(reply, html);
  });

  app.get('/katalog/wilayah/:code', { config: { policy: 'catalogue.read' }, schema: { hide: true } }, async (req, reply) => {
    const lang = langOf(req);
    const t = pick(lang);
    const { code } = req.params as { code: string };
    const raw = req.query as Record<string, string>;
    const page = Math.max(1, Math.min(1000, Number.parseInt(raw.page ?? '1', 10) || 1));
    const q = zRegionPageQuery.parse({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    if (!/^\d{2}(\.\d{2}){0,2}$/.test(code)) return notFoundPage(reply, lang, req.url);
    let r: Awaited<ReturnType<typeof regionPage>>;
    try {
      r = await regionPage(req.server.db, req.now, code, q);
    } catch (e) {
      if (isNotFound(e)) return notFoundPage(reply, lang, req.url);
      throw e;
    }
    const html = renderPage({
      lang,
      path: `/katalog/wilayah/${r.code}`,
      origin: originOf(req, config),
      title: t(`Produk lokal ${r.name} — Etalase`, `Local products of ${r.name} — Etalase`),
      description: t(
        `${r.facts.products} produk dari ${r.facts.makers} UMKM ${r.name} di rak minimarket; ${r.facts.outlets} gerai di ${r.name} menjual produk lokal.`,
        `${r.facts.products} products of ${r.facts.makers} UMKM of ${r.name} on minimarket shelves; ${r.facts.outlets} outlets in ${r.name} sell local products.`,
      ),
      nav: nav(lang),
      body: (
        <>
          <p className="small">
            <a href={inLang(lang, '/katalog')}>{t('Katalog', 'Catalogue')}</a>
          </p>
          <h1 data-testid="region-name">{r.name}</h1>
          <ul className="list" data-testid="region-facts">
            <li>
              {t(
                `${r.facts.products} produk lokal dari ${r.facts.makers} UMKM di rak minimarket`,
                `${r.facts.products} local products of ${r.facts.makers} UMKM on minimarket shelves`,
              )}
            </li>
            <li>
              {t(
                `${r.facts.outlets} gerai di ${r.name} menjual produk lokal`,
                `${r.facts.outlets} outlets in ${r.name} sell local products`,
              )}
            </li>
          </ul>
          <p>
            <a className="btn" href={inLang(lang, `/katalog?region=${r.code}`)}>
              {t(`Cari produk di gerai ${r.name}`, `Search the outlets of ${r.name}`)}
            </a>
          </p>
          <h2>{t(`Produk buatan ${r.name}`, `Made in ${r.name}`)}</h2>
          <Cards items={r.products.items} lang={lang} />
          <Pager total={r.products.total} offset={q.offset} base={new URLSearchParams()} lang={lang} />
          <p className="small muted">{t(`Per ${formatDate(r.asOf, 'id')}.`, `As of ${formatDate(r.asOf, 'en')}.`)}</p>
        </>
      ),
    });
    return sendPage(reply, html);
  });
}
