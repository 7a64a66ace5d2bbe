// Pure rules of notifications: what a link may be, how a notification mail reads (Bahasa Indonesia first,
// English below it, in one mail), its deterministic Message-ID, and when a failed send is tried again.
import crypto from 'node:crypto';
import type { Bilingual } from '../../platform/errors.ts';

/** A path of the web app (`/settlement/statements/<id>`), never another site: no scheme, no `//host`, no
 *  backslash (browsers read `/\host` as `//host`), no control characters or spaces. */
export function isWebPath(link: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  return link.length <= 500 && /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/.test(link);
}

/** An address a mail can go to (the outbox's CHECK): one that is not is left out rather than failing the
 *  event that notifies. */
export const isMailAddress = (a: string) => /^[^@\s<>]+@[^@\s<>]+$/.test(a);

/** The outbox key of one person's mail about one event. */
export const emailKey = (key: string, userId: string) => `${key}:${userId}`;

/** The Message-ID of the mail with this outbox key: the same key always gives the same id, so a mail that
 *  went out twice (a sender that died after the SMTP server took it, before recording that) is recognisable
 *  as one by the receiving side. */
export function messageIdFor(dedupeKey: string, domain: string): string {
  const digest = crypto.createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

/** Tries before a mail is given up as failed. */
export const MAX_ATTEMPTS = 8;
/** How long a sender holds a claimed mail before another may take it (its sender is presumed dead): well
 *  above the longest one send may take with the transport's own timeouts (mailer.ts). */
export const LEASE_MS = 5 * 60_000;

/** The wait before the next try after `attempts` failed ones: 1, 2, 4, … minutes, at most 2 hours. Eight
 *  tries span about four hours: an SMTP server down for a morning loses no mail. */
export const retryDelayMs = (attempts: number) => Math.min(2 * 60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/** One line for a log or `last_error`: no newlines, bounded. */
export const errorLine = (e: unknown) =>
  (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';

export interface MailInput {
  /** The recipient's name, for the greeting. */
  name: string;
  title: Bilingual;
  body: Bilingual;
  /** The web path of the notice (or null). */
  link: string | null;
  /** The app's public address (`https://…`, no trailing slash); without it the mail names the inbox in words. */
  publicUrl?: string;
}

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The subject: the Indonesian title, then the English one when it differs. */
export function subjectOf(title: Bilingual): string {
  const id = title.id.replace(/\s+/g, ' ').trim();
  const en = title.en.replace(/\s+/g, ' ').trim();
  return id === en ? id : `${id} / ${en}`;
}

/** The mail of one notice: Indonesian first, English below it, in one message (a reader of either finds
 *  their part without choosing a language first). */
export function renderEmail(m: MailInput): Mail {
  const url = m.publicUrl ? `${m.publicUrl}${m.link ?? '/inbox'}` : null;
  const part = (lang: 'id' | 'en') => {
    const hello = lang === 'id' ? `Halo ${m.name},` : `Hello ${m.name},`;
    const open = url
      ? lang === 'id'
        ? `Buka di Etalase: ${url}`
        : `Open in Etalase: ${url}`
      : lang === 'id'
        ? 'Buka Etalase, lalu Kotak masuk, untuk melihatnya.'
        : 'Open Etalase, then Inbox, to see it.';
    return { hello, title: m.title[lang], body: m.body[lang], open };
  };
  const id = part('id');
  const en = part('en');
  const footer = {
    id: 'Pesan ini dikirim otomatis oleh Etalase; tidak perlu dibalas.',
    en: 'This message was sent automatically by Etalase; no need to reply.',
  };
  const textOf = (p: ReturnType<typeof part>, foot: string) => [p.hello, '', p.title, '', p.body, '', p.open, '', foot].join('\n');
  const text = `${textOf(id, footer.id)}\n\n-- English --\n\n${textOf(en, footer.en)}\n`;
  const htmlOf = (p: ReturnType<typeof part>, lang: 'id' | 'en', foot: string) => {
    const open = url
      ? `<p><a href="${escapeHtml(url)}">${lang === 'id' ? 'Buka di Etalase' : 'Open in Etalase'}</a></p>`
      : `<p>${escapeHtml(p.open)}</p>`;
    const body = escapeHtml(p.body).replace(/\n/g, '<br>');
    return (
      `<div lang="${lang}"><p>${escapeHtml(p.hello)}</p><h2 style="font-size:18px">${escapeHtml(p.title)}</h2>` +
      `<p>${body}</p>${open}<p style="color:#666;font-size:12px">${escapeHtml(foot)}</p></div>`
    );
  };
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;max-width:600px">${htmlOf(id, 'id', footer.id)}` +
    `<hr>${htmlOf(en, 'en', footer.en)}</body></html>`;
  return { subject: subjectOf(m.title), text, html };
}
