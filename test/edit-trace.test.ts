// From a place on a page back to the template file and line that wrote it (kehoach edit and
// preview, for template authors): a traced render gives the same document, and each printed
// line is found in the template that holds its tag.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keHoach } from '../src/doctypes/ke-hoach.js';
import { buildDocument } from '../src/model/build.js';
import { resolvePage } from '../src/nd30/page.js';
import { buildModel, pagesFromModel, templatesFor } from '../src/pipeline.js';
import { startPreviewServer } from '../src/preview/index.js';
import { lineAt, Tracer } from '../src/preview/trace.js';
import { readSource } from '../src/reader/source.js';
import { loadTemplates } from '../src/template/engine.js';
import { TRACE_MARK, traceSource, tracedElements } from '../src/template/trace.js';

const FILE = resolve('examples/kon-tum-2024-phong-trao-70-nam.json');

describe('traced templates', () => {
  it('marks each tag a template writes with its file and line, and nothing else', () => {
    const src = '{{!-- <p>not here --}}<item>{{#if x}}<t>{{x}}</t>\n{{/if}}<!-- <p> -->\n  <p>2 < 3</p></item>';
    const out = traceSource(src, 'partials/item.hbs');
    expect([...out.matchAll(TRACE_MARK)].map((m) => `${m[1]}:${m[2]}`)).toEqual(['partials/item.hbs:1', 'partials/item.hbs:1', 'partials/item.hbs:3']);
    expect(out.replace(TRACE_MARK, '')).toBe(src);
  });

  it('a traced render makes the same document', () => {
    const plan = keHoach.schema.parse(readSource(FILE).data);
    const plain = buildModel(keHoach, plan, templatesFor(keHoach));
    const traced = loadTemplates(keHoach.templates, undefined, keHoach.helpers, { trace: true });
    const markup = traced.render(keHoach.context(plan)).normalize('NFC');
    expect(markup).toContain('<!--@kh ');
    expect(buildDocument(markup, resolvePage(keHoach.layout(plan)))).toEqual(plain);
    const elements = tracedElements(markup);
    expect(elements.find((e) => e.tag === 'agency')).toMatchObject({ text: 'SỞ Y TẾ' });
    expect(elements.find((e) => e.tag === 'agency')!.file).toMatch(/partials\/header\.hbs$/);
  });

  it('finds the template of a printed line', () => {
    const plan = keHoach.schema.parse(readSource(FILE).data);
    const pages = pagesFromModel(buildModel(keHoach, plan, templatesFor(keHoach)));
    const tracer = new Tracer();
    const find = (pageNo: number, text: string) => {
      const page = pages[pageNo - 1];
      const run = page.runs.find((r) => r.text.includes(text))!;
      expect(run, text).toBeTruthy();
      return tracer.at(plan, pages, pageNo, run.y - 2)!;
    };
    const src = (rel: string) => readFileSync(resolve('templates/ke-hoach', rel), 'utf8').split('\n');
    const agency = find(1, 'SỞ Y TẾ');
    expect(agency.file).toMatch(/templates\/ke-hoach\/partials\/header\.hbs$/);
    expect(src('partials/header.hbs')[agency.line! - 1]).toContain('<agency>');
    const heading = find(1, 'MỤC ĐÍCH, YÊU CẦU');
    expect(heading.file).toMatch(/sections\/purposes\.hbs$/);
    expect(src('partials/sections/purposes.hbs')[heading.line! - 1]).toContain('<h>');
    const last = pages.length;
    const recipient = find(last, 'Lưu');
    expect(recipient.file).toMatch(/signature-block\.hbs$/);
    expect(lineAt(pages[0], -100)).toBeUndefined();
  });

  it('kehoach preview answers /trace with the template of a printed line', async () => {
    const server = await startPreviewServer({ planFile: FILE, port: 0 });
    try {
      const run = server.session.pages()[0].runs.find((r) => r.text.includes('SỞ Y TẾ'))!;
      const t = await (await fetch(`${server.url}trace?page=1&y=${run.y - 2}`)).json();
      expect(t.file).toMatch(/partials\/header\.hbs$/);
      expect(t.line).toBeGreaterThan(0);
      expect(await (await fetch(`${server.url}trace?page=99&y=1`)).json()).toEqual({});
    } finally {
      await server.close();
    }
  });
});
