// docs/TEMPLATES.md is the template author's reference: it must name every helper, every
// built-in partial and every top-level plan field a template can use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { Plan } from '../src/schema/plan.js';
import { BUILTIN_TEMPLATES } from '../src/template/engine.js';
import { helpers } from '../src/template/helpers.js';
import { tableHelpers } from '../src/template/table-helpers.js';
import { templateFiles } from '../src/cli/commands/templates.js';

const doc = readFileSync('docs/TEMPLATES.md', 'utf8');

describe('docs/TEMPLATES.md', () => {
  it('documents every helper with an example', () => {
    const names = [...Object.keys(helpers), ...Object.keys(tableHelpers), ...Object.keys(keHoach.helpers ?? {})];
    expect(names.length).toBeGreaterThan(25);
    const missing = names.filter((n) => !new RegExp(`\\| \`${n}[\` ]|/ \`${n}[\` ]`).test(doc));
    expect(missing).toEqual([]);
  });

  it('documents every built-in partial', () => {
    const partials = templateFiles(join(BUILTIN_TEMPLATES, keHoach.templates))
      .filter((f) => f.startsWith('partials/'))
      .map((f) => f.slice('partials/'.length, -'.hbs'.length));
    expect(partials.length).toBeGreaterThan(15);
    const missing = partials.filter((p) => !doc.includes(`| \`${p}\` |`));
    expect(missing).toEqual([]);
  });

  it('documents every top-level plan field', () => {
    const fields = Object.keys((Plan as any).shape).filter((k) => k !== '$schema');
    expect(fields.length).toBeGreaterThan(20);
    const missing = fields.filter((f) => !doc.includes(`\`plan.${f}`));
    expect(missing).toEqual([]);
  });

  it('documents preview and eject', () => {
    expect(doc).toContain('kehoach preview');
    expect(doc).toContain('kehoach templates eject');
  });
});
