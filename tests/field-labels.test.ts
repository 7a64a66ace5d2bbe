// Every field a client can send has a name people use: the test walks each request body and query of the
// OpenAPI document the server serves and fails on a field src/field-labels.ts cannot name, so that no
// validation message ever falls back to a code ("Nilai shelfLifeDays terlalu kecil").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldLabel, hasLabel } from '../src/field-labels.ts';
import { type TestApp, testApp } from './app.ts';

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Doc = {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> }; parameters?: { name: string; in: string }[] }>
  >;
  components?: { schemas?: Record<string, Schema> };
};

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await testApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => t.close());

/** Every (field, parent field) a body schema holds, with the route it was found in. */
function fieldsOf(d: Doc): { name: string; parent?: string; where: string }[] {
  const out: { name: string; parent?: string; where: string }[] = [];
  const walk = (s: Schema | undefined, parent: string | undefined, where: string, depth: number) => {
    if (!s || depth > 20) return;
    if (s.$ref) return walk(d.components?.schemas?.[s.$ref.split('/').pop() as string], parent, where, depth + 1);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, parent, where, depth + 1);
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      out.push({ name, parent, where });
      walk(child, name, where, depth + 1);
    }
    walk(s.items, parent, where, depth + 1);
  };
  for (const [path, methods] of Object.entries(d.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`;
      walk(op.requestBody?.content?.['application/json']?.schema, undefined, where, 0);
      for (const p of op.parameters ?? []) if (p.in === 'query' || p.in === 'path') out.push({ name: p.name, where });
    }
  }
  return out;
}

describe('field labels', () => {
  it('every body and query field of the API has a label in both languages', () => {
    const fields = fieldsOf(doc);
    expect(fields.length).toBeGreaterThan(100);
    const missing = [...new Set(fields.filter((f) => !hasLabel(f.name, f.parent)).map((f) => `${f.name} (${f.where})`))];
    expect(missing, 'add these to src/field-labels.ts').toEqual([]);
  });

  it('names a path as people count: elements from one, the field inside its element', () => {
    expect(fieldLabel('shelfLifeDays')).toEqual({ id: 'Masa simpan', en: 'Shelf life' });
    expect(fieldLabel('signatories.0.title')).toEqual({ id: 'Jabatan penanda tangan 1', en: 'Title of signatory 1' });
    expect(fieldLabel('permits.2.issuedOn')).toEqual({ id: 'Tanggal terbit izin 3', en: 'Issue date of permit 3' });
    expect(fieldLabel('permits.0.number')).toEqual({ id: 'Nomor izin 1', en: 'Number of permit 1' });
    expect(fieldLabel('products.1.shelfPrice')).toEqual({ id: 'Harga rak produk 2', en: 'Shelf price of product 2' });
    expect(fieldLabel('otherFees.0.name')).toEqual({ id: 'Nama biaya lain 1', en: 'Name of other fee 1' });
    expect(fieldLabel('products.1')).toEqual({ id: 'Produk 2', en: 'Product 2' });
    expect(fieldLabel('deliveryDistrictCodes.2')).toEqual({ id: 'Kecamatan pengiriman 3', en: 'Delivery district 3' });
    expect(fieldLabel('quota.bp')).toEqual({ id: 'Besaran kuota', en: 'Quota share' });
    // A key of a record (a criterion code) is named by the record.
    expect(fieldLabel('scores.halal')).toEqual({ id: 'Skor', en: 'Scores' });
  });
});
