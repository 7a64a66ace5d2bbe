import { describe, expect, it } from 'vitest';
import {
  emailKey,
  isMailAddress,
  isWebPath,
  MAX_ATTEMPTS,
  messageIdFor,
  renderEmail,
  retryDelayMs,
  subjectOf,
} from './notifications.rules.ts';

describe('isWebPath', () => {
  it('accepts paths of the web app and refuses anything that leaves it', () => {
    for (const ok of ['/', '/inbox', '/settlement/statements/6f1c-2a', '/operations/orders?status=sent'])
      expect(isWebPath(ok), ok).toBe(true);
    for (const bad of ['', 'inbox', '//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/a b', '/a\nb'])
      expect(isWebPath(bad), bad).toBe(false);
    expect(isWebPath(`/${'a'.repeat(500)}`)).toBe(false);
  });
});

describe('isMailAddress', () => {
  it('takes what the outbox accepts, and leaves out what it would refuse', () => {
    expect(isMailAddress('umkm@demo.etalase.id')).toBe(true);
    for (const bad of ['', 'umkm', 'a b@x.id', 'a@b@c', '<a@b.id>', 'a@b.id\nBcc: x@y.id']) expect(isMailAddress(bad), bad).toBe(false);
  });
});

describe('messageIdFor', () => {
  it('is the same for the same key and differs between keys (a resent mail is recognisable as one)', () => {
    const a = messageIdFor(emailKey('statement:1:issued', 'u1'), 'etalase.id');
    expect(a).toMatch(/^<[0-9a-f]{40}@etalase\.id>$/);
    expect(messageIdFor(emailKey('statement:1:issued', 'u1'), 'etalase.id')).toBe(a);
    expect(messageIdFor(emailKey('statement:1:issued', 'u2'), 'etalase.id')).not.toBe(a);
    expect(messageIdFor(emailKey('statement:1:paid', 'u1'), 'etalase.id')).not.toBe(a);
  });
});

describe('retryDelayMs', () => {
  it('doubles from a minute, is capped at two hours, and the tries span hours, not days', () => {
    expect(retryDelayMs(1)).toBe(60_000);
    expect(retryDelayMs(2)).toBe(120_000);
    expect(retryDelayMs(4)).toBe(480_000);
    expect(retryDelayMs(20)).toBe(2 * 60 * 60_000);
    let total = 0;
    for (let a = 1; a < MAX_ATTEMPTS; a++) total += retryDelayMs(a);
    expect(total).toBeGreaterThan(2 * 60 * 60_000);
    expect(total).toBeLessThan(12 * 60 * 60_000);
  });
});

describe('renderEmail', () => {
  const mail = renderEmail({
    name: 'Bu Sari',
    title: { id: 'Rekap tagihan November terbit', en: 'November statement issued' },
    body: { id: 'Periksa lalu setujui atau sanggah.', en: 'Check it, then accept or dispute it.' },
    link: '/settlement/statements/abc',
    publicUrl: 'https://etalase.example.go.id',
  });

  it('writes Indonesian first and English below it, in one mail, with the link', () => {
    expect(mail.subject).toBe('Rekap tagihan November terbit / November statement issued');
    const id = mail.text.indexOf('Rekap tagihan November terbit');
    const en = mail.text.indexOf('November statement issued');
    expect(id).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(id);
    expect(mail.text.indexOf('Halo Bu Sari,')).toBeLessThan(mail.text.indexOf('Hello Bu Sari,'));
    expect(mail.text).toContain('https://etalase.example.go.id/settlement/statements/abc');
    expect(mail.html.indexOf('lang="id"')).toBeLessThan(mail.html.indexOf('lang="en"'));
    expect(mail.html).toContain('href="https://etalase.example.go.id/settlement/statements/abc"');
  });

  it('escapes what it puts in HTML and keeps the subject on one line; without a public address it names the inbox', () => {
    const m = renderEmail({ name: '<b>X</b>', title: { id: 'A\nB', en: 'A\nB' }, body: { id: '<script>', en: '&' }, link: '/x' });
    expect(m.subject).toBe('A B');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).not.toContain('<b>X</b>');
    expect(m.text).toContain('Kotak masuk');
    expect(m.text).not.toContain('http');
    expect(subjectOf({ id: 'Sama', en: 'Sama' })).toBe('Sama');
  });
});
