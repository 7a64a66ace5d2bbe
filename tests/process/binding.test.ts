// Where the server listens and how long it waits: the demo (public passwords) only on loopback unless HOST
// says otherwise; `serve` on HOST, every interface by default; the timeouts come from the environment.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

describe('listening address and limits', () => {
  it('binds the demo to 127.0.0.1 and serve to 0.0.0.0 unless HOST is set', () => {
    expect(loadConfig({}, { demo: true }).host).toBe('127.0.0.1');
    expect(loadConfig({}, { demo: false }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }, { demo: true }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });

  it('reads timeouts from the environment and never lets the header limit exceed the request limit', () => {
    const c = loadConfig({ ETALASE_REQUEST_TIMEOUT_MS: '4000', ETALASE_HEADERS_TIMEOUT_MS: '9000', ETALASE_DB_QUEUE: '3' });
    expect(c.timeouts.request).toBe(4000);
    expect(c.timeouts.headers).toBe(4000);
    expect(c.dbQueue).toBe(3);
    expect(() => loadConfig({ ETALASE_REQUEST_TIMEOUT_MS: '0' })).toThrow(/ETALASE_REQUEST_TIMEOUT_MS/);
  });
});
