// Domain rules: each is fed a plan that breaks it and must name the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { checkSource } from '../src/pipeline.js';
import { InputError, type Diagnostic } from '../src/reader/diagnostic.js';
import { parseSource } from '../src/reader/source.js';
import { applyFixes } from '../src/rules/fix.js';

const base = () => JSON.parse(readFileSync('examples/minimal.json', 'utf8'));

function diagnose(patch: (p: any) => void): Diagnostic[] {
  const p = base();
  patch(p);
  const text = JSON.stringify(p, null, 2);
  try {
    return checkSource(keHoach, parseSource(text, 'plan.json')).warnings;
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
}

const find = (ds: Diagnostic[], id: string) => ds.find((d) => d.code === `rule.${id}`);

function expectRule(id: string, severity: 'error' | 'warning', path: string, patch: (p: any) => void) {
  const ds = diagnose(patch);
  const d = find(ds, id);
  expect(d, `${id} not reported; got ${ds.map((x) => x.code).join(', ')}`).toBeDefined();
  expect(d!.severity).toBe(severity);
  expect(d!.path).toBe(path);
  expect(d!.line).toBeGreaterThan(0);
  expect(d!.message).toMatch(/\[.+; .+\]$/); // rule id and its source
}

const phases = (items: any[], period?: any) => (p: any) => {
  p.phases = { items, ...(period ? { period } : {}) };
};

describe('plan rules', () => {
  it('the bundled examples pass without errors', () => {
    expect(diagnose(() => {}).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('dates: phases in range, in order, without overlap, inside the period; issued before they start', () => {
    expectRule('phase-range', 'error', 'phases.items[0].to', phases([{ name: 'Đợt 1', from: '2026-03-10', to: '2026-03-01' }]));
    expectRule(
      'phase-order',
      'error',
      'phases.items[1].from',
      phases([
        { name: 'Đợt 1', from: '2026-05-01', to: '2026-05-30' },
        { name: 'Đợt 2', from: '2026-03-01', to: '2026-03-30' },
      ]),
    );
    expectRule(
      'phase-overlap',
      'error',
      'phases.items[1].from',
      phases([
        { name: 'Đợt 1', from: '2026-03-01', to: '2026-03-30' },
        { name: 'Đợt 2', from: '2026-03-15', to: '2026-04-30' },
      ]),
    );
    expect(
      find(
        diagnose(
          phases([
            { name: 'Đợt 1', from: '2026-03-01', to: '2026-03-30' },
            { name: 'Đợt 2', from: '2026-03-15', to: '2026-04-30', overlaps: true },
          ]),
        ),
        'phase-overlap',
      ),
    ).toBeUndefined();
    expectRule(
      'phase-period',
      'error',
      'phases.items[0]',
      phases([{ name: 'Đợt 1', from: '2026-03-01', to: '2026-12-30' }], { from: '2026-03-01', to: '2026-06-30' }),
    );
    expectRule('date-after-start', 'warning', 'date', phases([{ name: 'Đợt 1', from: '2026-01-01', to: '2026-01-30' }]));
  });

  it('symbol: KH type and the issuer abbreviation', () => {
    expectRule('symbol-type', 'error', 'symbol', (p) => (p.symbol = 'BC-SYT'));
    expectRule('symbol-agency', 'error', 'symbol', (p) => (p.symbol = 'KH-SGD'));
    expect(
      find(
        diagnose((p) => (p.symbol = 'KH-SYT')),
        'symbol-agency',
      ),
    ).toBeUndefined();
  });

  it('signatory: KT. with a deputy, TM. with a collective body, TL. with a unit head, position matching the issuer', () => {
    expectRule('signer-kt', 'error', 'signer.title', (p) => (p.signer = { authority: 'KT.', position: 'GIÁM ĐỐC', title: 'TRƯỞNG PHÒNG', name: 'A' }));
    expectRule('signer-kt', 'error', 'signer.authority', (p) => (p.signer = { position: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'A' }));
    // The deputy's own title typed as the position: the hint names both fields, never "PHÓ PHÓ …".
    const swapped = find(
      diagnose((p) => (p.signer = { authority: 'KT.', position: 'Phó Chủ tịch', name: 'A' })),
      'signer-kt',
    );
    expect(swapped?.path).toBe('signer.position');
    expect(swapped?.hint).toBe('Ghi "position": "CHỦ TỊCH" và "title": "PHÓ CHỦ TỊCH".');
    expectRule('signer-tm', 'error', 'signer.onBehalfOf', (p) => (p.signer = { authority: 'TM.', onBehalfOf: 'SỞ Y TẾ', position: 'GIÁM ĐỐC', name: 'A' }));
    expectRule('signer-tm', 'error', 'signer.onBehalfOf', (p) => (p.signer = { authority: 'TM.', position: 'CHỦ TỊCH', name: 'A' }));
    expectRule('signer-tl', 'error', 'signer.title', (p) => (p.signer = { authority: 'TL.', position: 'GIÁM ĐỐC', name: 'A' }));
    expectRule('signer-position', 'warning', 'signer.position', (p) => (p.signer = { position: 'CHỦ TỊCH', name: 'A' }));
    expectRule('signer-position', 'warning', 'signer.authority', (p) => {
      p.issuer = { name: 'Ủy ban nhân dân tỉnh Lào Cai', abbreviation: 'UBND' };
      p.signer = { authority: 'KT.', position: 'GIÁM ĐỐC', title: 'PHÓ GIÁM ĐỐC', name: 'A' };
    });
    // The chairman's own authority, as real UBND plans are signed (corpus 09, 11: "KT. CHỦ TỊCH").
    expect(
      diagnose((p) => {
        p.issuer = { name: 'Ủy ban nhân dân tỉnh Đắk Lắk', abbreviation: 'UBND' };
        p.signer = { authority: 'KT.', position: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'A' };
      }).filter((d) => d.code.startsWith('rule.signer')),
    ).toEqual([]);
    expect(
      diagnose((p) => {
        p.issuer = { name: 'Ủy ban nhân dân tỉnh Lào Cai', abbreviation: 'UBND' };
        p.signer = { authority: 'TM.', onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'A' };
      }).filter((d) => d.code.startsWith('rule.signer')),
    ).toEqual([]);
  });

  it('recipients: no duplicates, no Lưu line among them', () => {
    expectRule('recipients-duplicate', 'error', 'recipients[2]', (p) => p.recipients.push('UBND tỉnh;'));
    expectRule('recipients-archive', 'error', 'recipients[2]', (p) => p.recipients.push('Lưu: VT, NVY.'));
  });

  it('text: legacy encodings, NFC, spaces, quotes, V/v, capitals, punctuation, place names', () => {
    expectRule('legacy-encoding', 'error', 'title', (p) => (p.title = 'KÕ ho¹ch tæ chøc Th¸ng hµnh ®éng')); // TCVN3
    expectRule('legacy-encoding', 'error', 'intro', (p) => (p.intro = 'Sôû Y teá xaây döïng Keá hoaïch nhö sau:')); // VNI
    expectRule('nfc', 'warning', 'title', (p) => (p.title = p.title.normalize('NFD')));
    expectRule('double-space', 'warning', 'title', (p) => (p.title = 'Tổ chức  Tháng hành động'));
    expectRule('quotes', 'warning', 'intro', (p) => {
      p.title = 'Phát động phong trào “Thi đua”';
      p.intro = 'Kế hoạch "Thi đua" như sau:';
    });
    expectRule('title-vv', 'warning', 'title', (p) => (p.title = 'V/v tổ chức Tháng hành động'));
    expectRule('title-case', 'warning', 'title', (p) => (p.title = 'TỔ CHỨC THÁNG HÀNH ĐỘNG'));
    expectRule(
      'closing-punctuation',
      'warning',
      'closing.blocks[0]',
      (p) => (p.closing.blocks = ['Trong quá trình thực hiện nếu có vướng mắc báo cáo Sở Y tế']),
    );
    expectRule('place-full-name', 'error', 'place', (p) => (p.place = 'TP. HCM'));
    expectRule('place-province', 'warning', 'place', (p) => (p.place = 'Sa Pa'));
    expectRule('province-exists', 'warning', 'issuer.parent', (p) => (p.issuer.parent = 'UBND tỉnh Yên Bái'));
    expectRule('missing-glyph', 'warning', 'title', (p) => (p.title = 'Tổ chức ✓ kiểm tra'));
    expect(
      find(
        diagnose((p) => (p.title = 'Tổ chức – kiểm tra • “an toàn” → tốt…')),
        'missing-glyph',
      ),
    ).toBeUndefined();
    expectRule('empty-section', 'warning', 'budget', (p) => (p.budget = { blocks: [] }));
  });

  it('a rule that fires many times is summarised, not repeated', () => {
    const ds = diagnose((p) => {
      p.recipients = Array.from({ length: 12 }, (_, i) => `Đơn vị  số ${i + 1}`);
    });
    const spaces = ds.filter((d) => d.code === 'rule.double-space');
    expect(spaces).toHaveLength(5);
    expect(spaces[4].message).toMatch(/và 8 chỗ khác/);
  });
});

describe('--fix', () => {
  it('normalises to NFC and removes stray spaces, keeping JSON', () => {
    const p = base();
    p.title = ' Tổ chức  Tháng hành động '.normalize('NFD');
    const fixed = applyFixes(parseSource(JSON.stringify(p, null, 2), 'p.json'), false)!;
    expect(fixed.fixes.map((f) => f.path)).toEqual(['title']);
    expect(JSON.parse(fixed.text).title).toBe('Tổ chức Tháng hành động');
    expect(JSON.parse(fixed.text).title).toBe(JSON.parse(fixed.text).title.normalize('NFC'));
  });

  it('changes only the fixed strings, keeping the JSON layout', () => {
    const text = '{ "place": "Huế",  "title": "Tổ  chức", "list": [1, 2, 3],\n  "intro": "a"}';
    const fixed = applyFixes(parseSource(text, 'p.json'), false)!;
    expect(fixed.text).toBe('{ "place": "Huế",  "title": "Tổ chức", "list": [1, 2, 3],\n  "intro": "a"}');
  });

  it('keeps YAML comments', () => {
    const y = '# ghi chú\ntitle: "Tổ  chức"  # cuối dòng\nplace: Huế\n';
    const fixed = applyFixes(parseSource(y, 'p.yaml'), true)!;
    expect(fixed.text).toContain('# ghi chú');
    expect(fixed.text).toContain('# cuối dòng');
    expect(fixed.text).toContain('Tổ chức');
  });
});
