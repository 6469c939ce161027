import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText } from '../src/cli/json-schema.js';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { Plan } from '../src/schema/plan.js';

describe('JSON Schema export', () => {
  it('schemas/plan.schema.json is in sync with the zod schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync('schemas/plan.schema.json', 'utf8')).toBe(jsonSchemaText(keHoach));
  });

  it('describes fields in Vietnamese for editor completion and forbids unknown fields', () => {
    const s = JSON.parse(jsonSchemaText(keHoach));
    expect(s.properties.signer.description).toBe('Người ký');
    expect(s.additionalProperties).toBe(false);
    expect(s.required).toEqual(expect.arrayContaining(['issuer', 'place', 'date', 'title']));
  });

  it('accepts partial dates for drafts and rejects impossible ones', () => {
    const base = JSON.parse(readFileSync('examples/minimal.json', 'utf8'));
    for (const d of ['2024', '2024-01', '2024-02-29']) expect(Plan.safeParse({ ...base, date: d }).success, d).toBe(true);
    for (const d of ['2023-02-29', '2024-13', '2024-04-31', '24-01-01', '2024/01/05']) expect(Plan.safeParse({ ...base, date: d }).success, d).toBe(false);
  });
});
