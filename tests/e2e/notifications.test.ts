// The inbox on a 360-px phone (issue 11, point 5): two notices written through `notify` on the file's copy of
// the demo before its server starts (no route creates notices; settlement will); the UMKM owner sees the
// unread count in the menu, opens Kotak masuk, reads the newest notice in Indonesian, marks it read (the
// count goes down), filters the unread, and marks the rest read after being asked. Screenshots in both
// languages.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { openPhone, PHONE, scrollWidth, settle, shot, signIn, withServerAndBrowser } from './harness.ts';

const UMKM = 'umkm@demo.etalase.id';

const ISSUED = {
  id: 'Rekap tagihan November terbit',
  en: 'November statement issued',
};
const DUE = { id: 'Pembayaran jatuh tempo dalam 3 hari', en: 'Payment due in 3 days' };

async function seedNotices(dataDir: string) {
  const handle = await openDatabase({ dataDir });
  try {
    const { id: userId, organization_id } = await handle.db
      .selectFrom('users')
      .select(['id', 'organization_id'])
      .where('email', '=', UMKM)
      .executeTakeFirstOrThrow();
    // The demo's own notices of her statements are set aside: this file reads an inbox of exactly two.
    await handle.db.deleteFrom('email_outbox').where('to_address', '=', UMKM).execute();
    await handle.db.deleteFrom('notifications').where('user_id', '=', userId).execute();
    // The test's own instants (not business logic): an hour and a day before the server's "now".
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await handle.db.transaction().execute(async (trx) => {
      await notify(trx, {
        organizationIds: [organization_id as string],
        kind: 'payment_due_soon',
        title: DUE,
        body: {
          id: 'Alfamart membayar rekap tagihan Oktober paling lambat 3 hari lagi.',
          en: 'Alfamart pays the October statement within 3 days at the latest.',
        },
        link: null,
        entityId: null,
        key: 'e2e:statement:oct:due-soon',
        at: hoursAgo(24),
      });
      await notify(trx, {
        organizationIds: [organization_id as string],
        kind: 'statement_issued',
        title: ISSUED,
        body: {
          id: 'Alfamart menerbitkan rekap tagihan November. Periksa lalu setujui atau sanggah.',
          en: 'Alfamart issued the November statement. Check it, then accept or dispute it.',
        },
        link: '/operations/orders',
        entityId: null,
        key: 'e2e:statement:nov:issued',
        at: hoursAgo(1),
      });
    });
  } finally {
    await handle.close();
  }
}

const e2e = withServerAndBrowser({ prepare: seedNotices });

const phone = (lang: 'id' | 'en') => openPhone(e2e.browser, { lang });

const count = async (page: Page) => (await page.getByTestId('unread-count').locator('[aria-hidden="true"]').innerText()).trim();

describe('the inbox at 360 px', () => {
  it('reads in English too, unread notices marked as such (screenshot)', async () => {
    const { ctx, page, errors } = await phone('en');
    await signIn(page, e2e.server.url, UMKM);
    await page.goto(`${e2e.server.url}/inbox`);
    await page.getByTestId('notice').first().waitFor();
    await settle(page);
    expect(await page.getByTestId('inbox-title').innerText()).toBe('Inbox');
    const text = await page.getByTestId('inbox').innerText();
    expect(text).toContain(ISSUED.en);
    expect(text).toContain('Statement issued');
    expect(text).toMatch(
      /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} \d{2}:\d{2} WIB/,
    );
    expect(await page.getByTestId('notice').first().getAttribute('data-read')).toBe('no');
    expect(await count(page)).toBe('2');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'inbox-360-en');
    expect(errors).toEqual([]);
    await ctx.close();
  }, 60_000);

  it('shows the unread count, the notice in Indonesian, and marks it read', async () => {
    const { ctx, page, errors } = await phone('id');
    await signIn(page, e2e.server.url, UMKM);
    await settle(page);
    expect(await count(page)).toBe('2');

    // The menu entry says how many are unread, to a screen reader too.
    await page.getByRole('navigation').getByRole('link', { name: 'Kotak masuk 2 belum dibaca', exact: true }).click();
    await page.getByTestId('notice').first().waitFor();
    await settle(page);
    expect(await page.getByTestId('inbox-title').innerText()).toBe('Kotak masuk');
    const cards = page.getByTestId('notice');
    expect(await cards.count()).toBe(2);
    // newest first, in Indonesian, with its kind in words and a date as people write it
    const first = cards.first();
    expect(await first.locator('.notice-title').innerText()).toContain(ISSUED.id);
    const text = await first.innerText();
    expect(text).toContain('Rekap tagihan terbit');
    expect(text).toContain('Periksa lalu setujui atau sanggah.');
    expect(text).toMatch(
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4} \d{2}\.\d{2} WIB/,
    );
    expect(text).not.toMatch(/statement_issued|\d{4}-\d{2}-\d{2}/);
    expect(await first.getAttribute('data-read')).toBe('no');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'inbox-360-id');

    const [marked] = await Promise.all([
      page.waitForResponse((r) => /\/api\/notifications\/[^/]+\/read$/.test(r.url()) && r.request().method() === 'POST'),
      first.getByTestId('notice-read').click(),
    ]);
    expect(marked.status()).toBe(200);
    await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.getAttribute('data-read') === 'yes');
    await settle(page);
    expect(await count(page)).toBe('1');
    expect(await first.getByTestId('notice-read').count()).toBe(0);
    await shot(page, 'inbox-360-id-one-read');
    const inbox = await (await page.request.get(`${e2e.server.url}/api/notifications`)).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0].readAt).not.toBeNull();

    // Only the unread: the older notice.
    await page.getByTestId('inbox-show-unread').click();
    await settle(page);
    expect(await page.getByTestId('notice').count()).toBe(1);
    expect(await page.getByTestId('notice').first().innerText()).toContain(DUE.id);

    // The rest, all at once, after being asked (naming how many).
    await page.getByTestId('inbox-read-all').click();
    expect(await page.getByTestId('confirm').innerText()).toContain('1 pemberitahuan');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/notifications/read-all') && r.request().method() === 'POST'),
      page.getByTestId('confirm-yes').click(),
    ]);
    await page.getByText('Tidak ada pemberitahuan yang belum dibaca.').waitFor();
    await settle(page);
    expect(await page.getByTestId('unread-count').count()).toBe(0);
    expect(errors).toEqual([]);
    await ctx.close();
  }, 120_000);
});
