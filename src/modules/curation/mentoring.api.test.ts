// Mentoring through the API with the demo data: a session dated outside its programme's period is refused
// at its field in both languages, another region's Dinas sees none of OKI's programmes (404 on every route),
// the mentors a Dinas may assign, participants suggested with their reasons, each participant's progress,
// and the count a re-curation would take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, type TestApp, testApp } from '../../../tests/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.as(demo(who), { method: 'GET', url });
const send = (who: string, url: string, payload: unknown) =>
  t.as(demo(who), { method: 'POST', url, payload: payload as Record<string, unknown> });

interface Program {
  id: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  regionName: string;
  phase: string;
  myStatus: string | null;
}
const okiPrograms = async () => (await get('pemda.oki', '/api/mentoring/programs')).json().items as Program[];

describe('session dates', () => {
  it('refuses a session outside the programme period with an error on heldOn, in both languages', async () => {
    const p = (await okiPrograms()).find((x) => x.topic === 'kemasan') as Program;
    expect(p.endsOn).toBe('2026-10-31');
    for (const heldOn of ['2030-01-15', '2026-11-01', '2026-07-19']) {
      const res = await send('mentor', `/api/mentoring/programs/${p.id}/sessions`, { heldOn, topic: 'Evaluasi', attendance: [] });
      expect(res.statusCode, heldOn).toBe(400);
      const e = res.json().error;
      expect(e.code).toBe('session_outside_period');
      expect(e.field).toBe('heldOn');
      expect(e.message.id).toBe('Tanggal sesi harus dalam masa program, 20 Juli 2026 sampai 31 Oktober 2026.');
      expect(e.message.en).toBe("The session date must fall within the programme's period, 20 July 2026 to 31 October 2026.");
    }
    // Both ends of the period are inside it.
    for (const heldOn of [p.startsOn, p.endsOn]) {
      const ok = await send('mentor', `/api/mentoring/programs/${p.id}/sessions`, { heldOn, topic: 'Evaluasi', attendance: [] });
      expect(ok.statusCode, ok.body).toBe(201);
    }
  });
});

describe('tenancy', () => {
  it("another region's Dinas finds none of OKI's programmes: not listed, 404 on every route", async () => {
    const oki = await okiPrograms();
    expect(oki.length).toBe(2);
    const serang = (await get('pemda.serang', '/api/mentoring/programs?limit=500')).json();
    expect(serang.items.filter((x: Program) => oki.some((o) => o.id === x.id))).toEqual([]);
    const halal = oki.find((x) => x.topic === 'halal') as Program;
    const umkm = (await get('pemda.oki', `/api/mentoring/programs/${halal.id}`)).json().enrolments[0].umkmId;
    for (const [method, url, payload] of [
      ['GET', `/api/mentoring/programs/${halal.id}`],
      ['GET', `/api/mentoring/programs/${halal.id}/suggestions`],
      ['GET', `/api/mentoring/programs/${halal.id}/outcome`],
      ['POST', `/api/mentoring/programs/${halal.id}/enrolments`, { umkmIds: [umkm] }],
      ['POST', `/api/mentoring/programs/${halal.id}/sessions`, { heldOn: halal.startsOn, topic: 'x', attendance: [] }],
      ['POST', `/api/mentoring/programs/${halal.id}/recurate`, { curationDate: halal.startsOn }],
    ] as const) {
      const res = await t.as(demo('pemda.serang'), { method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('Sertifikasi');
    }
    // Nor can it create a programme in OKI.
    const mentors = (await get('pemda.serang', '/api/mentoring/mentors')).json();
    const created = await send('pemda.serang', '/api/mentoring/programs', {
      name: 'Program di luar wilayah',
      topic: 'halal',
      regionCode: '16.02',
      startsOn: '2026-12-01',
      endsOn: '2027-01-31',
      capacity: 10,
      criterionCodes: ['halal'],
      mentorUserId: mentors.items[0]?.id ?? null,
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.field).toBe('regionCode');
  });
});

describe('a programme from the screen', () => {
  it('a Dinas chooses a mentor by name and creates a programme; progress, suggestions with reasons and re-curation count', async () => {
    const mentors = (await get('pemda.oki', '/api/mentoring/mentors')).json();
    expect(mentors.total).toBe(mentors.items.length);
    const mentor = mentors.items.find((m: { name: string }) => m.name === 'Pendamping UMKM OKI (demo)');
    expect(mentor.programs).toBe(1);
    expect((await get('mentor', '/api/mentoring/mentors')).statusCode).toBe(403);

    const res = await send('pemda.oki', '/api/mentoring/programs', {
      name: 'Pendampingan Label Gizi UMKM OKI',
      topic: 'label',
      chainCode: 'alfamart',
      regionCode: '16.02',
      mentorUserId: mentor.id,
      startsOn: '2026-11-23',
      endsOn: '2027-02-28',
      capacity: 10,
      criterionCodes: ['label_gizi', 'barcode'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json();
    expect(p.mentorName).toBe('Pendamping UMKM OKI (demo)');
    expect(p.regionName).toContain('Ogan Komering Ilir');
    expect(p.phase).toBe('running');
    expect(p.recuratable).toBe(0);

    const s = (await get('pemda.oki', `/api/mentoring/programs/${p.id}/suggestions?limit=2`)).json();
    expect(s.total).toBeGreaterThan(2);
    expect(s.items.length).toBe(2);
    const first = s.items[0];
    expect(first.reasons.length).toBe(first.products);
    expect(first.reasons[0].productName).toBeTruthy();
    expect(first.reasons.flatMap((r: { failed: string[] }) => r.failed).every((c: string) => ['label_gizi', 'barcode'].includes(c))).toBe(
      true,
    );

    const invited = await send('pemda.oki', `/api/mentoring/programs/${p.id}/enrolments`, { umkmIds: [first.umkmId] });
    expect(invited.statusCode, invited.body).toBe(200);
    const e = invited.json().enrolments[0];
    expect(e).toMatchObject({ umkmId: first.umkmId, status: 'invited', attended: 0, held: 0, gapsNow: first.gaps });
    expect((await get('pemda.oki', `/api/mentoring/programs/${p.id}/suggestions?limit=500`)).json().items.at(-1)).toMatchObject({
      status: 'invited',
    });
    // A mentor not assignable: an unknown id is refused at its field.
    const bad = await send('pemda.oki', '/api/mentoring/programs', {
      name: 'x',
      topic: 'label',
      regionCode: '16.02',
      mentorUserId: '00000000-0000-4000-8000-000000000000',
      startsOn: '2026-11-23',
      endsOn: '2027-02-28',
      capacity: 10,
      criterionCodes: ['label_gizi'],
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.field).toBe('mentorUserId');
  });

  it("shows each participant's progress: sessions attended of held, gaps before and now", async () => {
    const p = (await okiPrograms()).find((x) => x.topic === 'kemasan') as Program;
    const d = (await get('pemda.oki', `/api/mentoring/programs/${p.id}`)).json();
    expect(d.enrolments.length).toBe(5);
    for (const e of d.enrolments) {
      expect(e.status).toBe('completed');
      expect(e.held).toBeGreaterThanOrEqual(3);
      expect(e.attended).toBeLessThanOrEqual(e.held);
    }
    expect(d.enrolments.some((e: { attended: number; held: number }) => e.attended < e.held)).toBe(true);
    const before = d.enrolments.reduce((n: number, e: { gapsBefore: string[] }) => n + e.gapsBefore.length, 0);
    const now = d.enrolments.reduce((n: number, e: { gapsNow: string[] }) => n + e.gapsNow.length, 0);
    expect(before).toBeGreaterThan(now);
    // The demo UMKM still writes expiry dates by hand on one product.
    const own = (await get('umkm', `/api/mentoring/programs/${p.id}`)).json();
    expect(own.enrolments.length).toBe(1);
    expect(own.enrolments[0].gapsBefore).toContain('label_komposisi');
    expect(own.enrolments[0].gapsNow).toContain('label_kedaluwarsa');
    expect(own.enrolments[0].gapsNow).not.toContain('label_komposisi');
    expect(own.recuratable).toBeNull();
    expect(d.recuratable).toBeGreaterThan(5);
  });

  it('a UMKM lists only the programmes where its enrolment has a given status', async () => {
    const invited = (await get('umkm', '/api/mentoring/programs?myStatus=invited')).json();
    expect(invited.items.map((x: Program) => x.myStatus)).toEqual(['invited']);
    expect((await get('umkm', '/api/mentoring/programs?myStatus=completed')).json().total).toBe(1);
    expect((await get('pemda.oki', '/api/mentoring/programs?myStatus=invited')).json().total).toBe(0);
  });
});
