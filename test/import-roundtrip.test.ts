// `kehoach import` on our own output: every example (examples/*.json, examples/corpus/*.yaml)
// rendered to DOCX, imported, validated and rendered again must give the same document model
// (same text, markers, formats, tables, closing, appendices) and the same number of pages; and
// importing that second rendering gives byte for byte the same YAML (the import is a fixed point).
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { importDoc } from '../src/import/index.js';
import { readDocx } from '../src/import/readers/docx.js';
import { planYaml } from '../src/import/write-yaml.js';
import { checkSource } from '../src/pipeline.js';
import { parseSource } from '../src/reader/source.js';
import { firstDifference, modelLines } from './helpers/model-lines.js';
import { docxOf, exampleFiles, exampleName, modelOf, pageCount, renderExample } from './helpers/render.js';

/** DOCX → YAML text, with the import's warnings. */
function importYaml(docx: Uint8Array, name: string) {
  const r = importDoc(readDocx(docx, `${name}.docx`));
  expect(r.notPlan, `${name}: recognised as a KẾ HOẠCH`).toBeFalsy();
  return { yaml: planYaml(r.plan!, r.warnings, `${name}.docx`), warnings: r.warnings };
}

describe('import of our own DOCX', () => {
  it.each(exampleFiles().map((f) => [exampleName(f), f]))('%s renders back to the same document', async (name, file) => {
    const original = await renderExample(file);
    const first = importYaml(original.docx, name);
    // Our own output has nothing the importer has to guess or leave out, but the place of a plan
    // issued with a Quyết định: it prints no header band, so its place is nowhere in the DOCX.
    const guesses = first.warnings.filter((w) => !(original.plan.attachedTo && w.path?.[0] === 'place'));
    expect(guesses.map((w) => w.message)).toEqual([]);
    const checked = checkSource(keHoach, parseSource(first.yaml, `${name}.yaml`));
    const again = modelOf(checked.data);
    const diff = firstDifference(modelLines(original.model), modelLines(again.model));
    expect(diff, `${name}: first difference`).toBeUndefined();
    expect(pageCount(again.model), `${name}: pages`).toBe(pageCount(original.model));
    // Imported again from its own rendering, the plan is the same file.
    const second = importYaml(await docxOf(again.model), name);
    expect(second.yaml).toBe(first.yaml);
  });
});
