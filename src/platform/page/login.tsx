// The sign-in page, rendered on the server (issue 13): a phone on a slow line paints the form as soon as the
// HTML arrives, without waiting for the web app's bundle. Its one script (login.js, deferred, 'self' in the
// CSP) sends the form to POST /api/auth/login as JSON and then goes on to `next` or home. There is no
// form-encoded path: the guards refuse bodies that are neither JSON nor multipart (hardening.ts) and
// @fastify/formbody is not a dependency, so without JavaScript the button stays disabled and a note says
// why — nothing typed is sent anywhere, and no password can end up in a URL. A signed-in visitor sees the
// form too (signing in again as someone else replaces the session); the page never reads the database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { langOf, pick, renderPage, sendPage } from './page.tsx';

const SCRIPT = fs.readFileSync(new URL('./login.js', import.meta.url), 'utf8');
const SCRIPT_PATH = '/login.js';
/** The script's URL carries its content's hash, so it can be cached for long and still change with a release. */
const SCRIPT_SRC = `${SCRIPT_PATH}?v=${createHash('sha256').update(SCRIPT).digest('hex').slice(0, 12)}`;

export async function loginPage(app: FastifyInstance) {
  app.get(SCRIPT_PATH, { config: { policy: 'auth.login' }, schema: { hide: true } }, (_req, reply) =>
    reply.header('cache-control', 'public, max-age=604800').type('text/javascript; charset=utf-8').send(SCRIPT),
  );

  app.get('/login', { config: { policy: 'auth.login' }, schema: { hide: true } }, (req, reply) => {
    const lang = langOf(req);
    const t = pick(lang);
    const html = renderPage({
      lang,
      // The language switch keeps `next` (the page the reader was sent here from).
      path: req.url,
      title: t('Masuk — Etalase', 'Sign in — Etalase'),
      description: t(
        'Masuk ke Etalase: UMKM, Dinas Koperasi dan UKM, ritel modern dan pendamping bekerja bersama.',
        'Sign in to Etalase: UMKM, the Dinas Koperasi dan UKM, modern retail and mentors working together.',
      ),
      scripts: [SCRIPT_SRC],
      // No catalogue link in the header: beside the language switch it breaks the brand at 360 px in English;
      // it is below the form (and the brand leads there too).
      body: (
        <section className="narrow">
          <h1 data-testid="login-title">{t('Masuk ke Etalase', 'Sign in to Etalase')}</h1>
          <p className="muted">{t('Produk UMKM lokal di rak ritel modern.', 'Local UMKM products on modern retail shelves.')}</p>
          <form
            id="login-form"
            className="card"
            method="post"
            action="/login"
            noValidate
            data-required={t('Wajib diisi.', 'Required.')}
            data-wait={t('Mohon tunggu…', 'Please wait…')}
            data-network={t(
              'Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.',
              'Cannot reach the server. Check the connection and try again.',
            )}
            data-failed={t('Gagal masuk. Coba lagi.', 'Sign-in failed. Try again.')}
          >
            <p id="login-problem" className="problem" role="alert" data-testid="form-error" hidden />
            <div className="field">
              <label htmlFor="f-email">{t('Email', 'Email')}</label>
              <input
                id="f-email"
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={254}
              />
              <p id="f-email-error" className="err" hidden />
            </div>
            <div className="field">
              <label htmlFor="f-password">{t('Kata sandi', 'Password')}</label>
              <input id="f-password" name="password" type="password" autoComplete="current-password" maxLength={200} />
              <p id="f-password-error" className="err" hidden />
            </div>
            {/* Enabled by login.js: without it a press would send the form nowhere useful. */}
            <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled>
              {t('Masuk', 'Sign in')}
            </button>
            <noscript>
              <p className="small">
                {t(
                  'Untuk masuk, aktifkan JavaScript di peramban ini. Katalog produk dapat dibuka tanpanya.',
                  'To sign in, turn on JavaScript in this browser. The product catalogue opens without it.',
                )}
              </p>
            </noscript>
          </form>
          <p className="muted small">
            {t(
              'Lupa kata sandi? Hubungi Dinas Koperasi dan UKM atau pengelola Etalase di daerah Anda.',
              'Forgot your password? Contact the Dinas Koperasi dan UKM or the Etalase operator in your region.',
            )}
          </p>
          <a className="btn btn-block" href="/katalog">
            {t('Lihat katalog produk lokal', 'Browse the local products catalogue')}
          </a>
        </section>
      ),
    });
    return sendPage(reply, html);
  });
}
