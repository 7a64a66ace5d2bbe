// Server-rendered HTML pages: the sign-in page and the public catalogue. A phone on a slow line paints them as
// soon as the HTML arrives: the style is inlined (allowed by its hash in the CSP, see hardening.ts) and any
// script is small, external ('self') and deferred. React renders the markup on the server, so every text
// and attribute is escaped by React, not by hand.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Lang } from '../format.ts';

const CSS = fs.readFileSync(new URL('./page.css', import.meta.url), 'utf8');
/** The CSP source that lets exactly this inline style in. */
export const PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;

export const LANG_COOKIE = 'etalase_lang';

/** The reader's language: `?lang=` (a link someone shared), else the choice kept in a cookie (the web app
 *  keeps it there too), else Bahasa Indonesia. */
export function langOf(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en' || q === 'id') return q;
  return req.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'id';
}

/** A link within the public pages that keeps the reader's language when it came from `?lang=en` (the
 *  pages set no cookie: they are cached and shared). */
export function inLang(lang: Lang, href: string): string {
  if (lang !== 'en') return href;
  const [path, hash] = href.split('#') as [string, string | undefined];
  return `${path}${path.includes('?') ? '&' : '?'}lang=en${hash ? `#${hash}` : ''}`;
}

/** The site's absolute origin for links others keep (canonical links, JSON-LD, feeds): the configured public
 *  URL, else the one the request came to. */
export const originOf = (req: FastifyRequest, config: { publicUrl?: string | null }) => config.publicUrl ?? `${req.protocol}://${req.host}`;

/** A pair of texts in the reader's language. */
export const pick = (lang: Lang) => (id: string, en: string) => (lang === 'en' ? en : id);

/** JSON inside a <script> data block: `<` escaped so no text of it can close the element. */
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

export interface PageSpec {
  lang: Lang;
  title: string;
  description: string;
  /** The page's own path (and query), for its canonical link and the language switch. */
  path: string;
  body: ReactNode;
  /** Absolute origin for canonical and sharing links, when one is configured or known. */
  origin?: string;
  /** A link preview's picture: a product photo's JPEG share size (640 × 480, platform/thumbnails.ts). */
  image?: string | null;
  jsonLd?: unknown[];
  /** Deferred scripts served from this origin. */
  scripts?: string[];
  /** The header's links: the sign-in page shows the catalogue, the catalogue shows sign-in. */
  nav?: ReactNode;
}

function withLang(path: string, lang: Lang) {
  const u = new URL(path, 'http://x');
  u.searchParams.set('lang', lang);
  return u.pathname + u.search;
}

export function renderPage(p: PageSpec): string {
  const t = pick(p.lang);
  const other: Lang = p.lang === 'en' ? 'id' : 'en';
  const url = p.origin ? new URL(p.path, p.origin).toString() : undefined;
  const html = (
    <html lang={p.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f5f5c" />
        <title>{p.title}</title>
        <meta name="description" content={p.description} />
        <meta property="og:site_name" content="Etalase" />
        <meta property="og:title" content={p.title} />
        <meta property="og:description" content={p.description} />
        <meta property="og:type" content="website" />
        {url && <meta property="og:url" content={url} />}
        {url && <link rel="canonical" href={url} />}
        <meta property="og:locale" content={p.lang === 'en' ? 'en_US' : 'id_ID'} />
        {url && <link rel="alternate" hrefLang="id" href={new URL(withLang(p.path, 'id'), p.origin).toString()} />}
        {url && <link rel="alternate" hrefLang="en" href={new URL(withLang(p.path, 'en'), p.origin).toString()} />}
        {/* A WhatsApp or Facebook preview: an absolute address, and the size so the first share shows it. */}
        {p.image && <meta property="og:image" content={p.origin ? new URL(p.image, p.origin).toString() : p.image} />}
        {p.image && <meta property="og:image:type" content="image/jpeg" />}
        {p.image && <meta property="og:image:width" content="640" />}
        {p.image && <meta property="og:image:height" content="480" />}
        {p.image && <meta property="og:image:alt" content={p.title} />}
        <meta name="twitter:card" content={p.image ? 'summary_large_image' : 'summary'} />
        <link
          rel="icon"
          href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%230f5f5c'/%3E%3Crect x='3' y='4' width='10' height='2' fill='%23fff'/%3E%3Crect x='3' y='8' width='10' height='2' fill='%23fff'/%3E%3C/svg%3E"
        />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: our own stylesheet, allowed by its hash */}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
        {(p.jsonLd ?? []).map((ld, i) => (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a data block, `<` escaped
          // biome-ignore lint/suspicious/noArrayIndexKey: static markup, rendered once
          <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(ld) }} />
        ))}
        {(p.scripts ?? []).map((s) => (
          <script key={s} src={s} defer />
        ))}
      </head>
      <body>
        <a className="skip" href="#main">
          {t('Langsung ke isi', 'Skip to content')}
        </a>
        <header className="top">
          <div className="top-bar">
            <a className="brand" href="/katalog">
              <span className="brand-mark" aria-hidden="true" />
              Etalase
            </a>
            <nav className="top-actions" aria-label={t('Menu', 'Menu')}>
              {p.nav}
              <a href={withLang(p.path, other)} hrefLang={other} lang={other}>
                {other === 'en' ? 'English' : 'Bahasa Indonesia'}
              </a>
            </nav>
          </div>
        </header>
        <main id="main" className="main">
          {p.body}
        </main>
        <footer className="foot">
          {t(
            'Etalase — produk UMKM lokal di rak ritel modern, bersama Dinas Koperasi dan UKM daerah.',
            'Etalase — local UMKM products on modern retail shelves, with the regional Dinas Koperasi dan UKM.',
          )}
        </footer>
      </body>
    </html>
  );
  return `<!doctype html>${renderToStaticMarkup(html)}`;
}

/** Sends a rendered page: HTML, revalidated by the browser each time (its data changes with the shelves). */
export function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply.code(status).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}
