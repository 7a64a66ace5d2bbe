// The role × route matrix: every route in the OpenAPI document, called by every role. A role the policy
// does not name is refused (401 signed out, 403 signed in); a role it names is let through to validation
// and its scope. No route answers 500. A route without a declared policy cannot even be registered.
import crypto from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { type Audience, POLICY } from '../src/platform/auth/policy.ts';
import { registerErrorHandler, registerRequestFrame } from '../src/platform/http.ts';
import { demo, type TestApp, testApp } from './app.ts';

const ROLES: Record<Audience, string | null> = {
  public: null,
  admin: demo('admin'),
  pemda: demo('pemda.serang'),
  retailer: demo('alfamart'),
  umkm: demo('umkm'),
  mentor: demo('mentor'),
};

let t: TestApp;
let operations: { method: string; url: string; path: string }[];

beforeAll(async () => {
  t = await testApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  operations = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(ops)) {
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        name === 'code' ? '17.71' : name === 'sha256' ? '0'.repeat(64) : crypto.randomUUID(),
      );
      operations.push({ method: method.toUpperCase(), url, path });
    }
  }
});
afterAll(() => t.close());

describe('role × route', () => {
  it('covers every API route, and every route declares a policy action', () => {
    expect(operations.length).toBeGreaterThan(25);
    for (const op of operations) {
      const fastifyPath = op.path.replace(/\{(\w+)\}/g, ':$1');
      expect(t.app.routePolicies.get(`${op.method} ${fastifyPath}`), `${op.method} ${op.path}`).toBeDefined();
    }
  });

  for (const [role, email] of Object.entries(ROLES) as [Audience, string | null][]) {
    it(`answers ${role} as the policy says, on every route`, async () => {
      const wrong: string[] = [];
      for (const op of operations) {
        const fastifyPath = op.path.replace(/\{(\w+)\}/g, ':$1');
        const action = t.app.routePolicies.get(`${op.method} ${fastifyPath}`);
        if (!action) continue;
        if (op.path === '/api/auth/logout') continue; // would end the cached session of this role
        const allowed = (POLICY[action] as readonly Audience[]).includes(role);
        const res = await t.as(email, {
          method: op.method as 'GET',
          url: op.url,
          ...(op.method === 'GET' ? {} : { payload: {} }),
        });
        const refused = res.statusCode === 401 || res.statusCode === 403;
        const ok = res.statusCode < 500 && (allowed ? !refused : res.statusCode === (role === 'public' ? 401 : 403));
        if (!ok) wrong.push(`${op.method} ${op.path} → ${res.statusCode} (${action}, ${allowed ? 'allowed' : 'refused'})`);
        if (res.statusCode >= 400) {
          expect(res.json().error.message.id, `${op.method} ${op.path}`).toBeTruthy();
          expect(res.json().error.message.en, `${op.method} ${op.path}`).toBeTruthy();
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('refuses to start with an API route that declares no policy', async () => {
    const app = Fastify();
    registerErrorHandler(app);
    registerRequestFrame(app, t.handle.db, () => new Date());
    expect(() => app.get('/api/unguarded', async () => ({ secret: true }))).toThrow(/declares no known policy/);
    await app.close();
    expect(loadConfig({}).demo).toBe(false);
  });
});
