// Where a template leaves a block open: Handlebars only says the file ended.

export interface OpenBlock {
  name: string;
  line: number;
  column: number;
  /** Lines of the blocks of the same name opened after it: any of them may be the one left open. */
  laterLines: number[];
}

/** The innermost block ({{#if}}, {{#each}}, …) a template opens and never closes. */
export function unclosedBlock(src: string): OpenBlock | undefined {
  const stack: { name: string; at: number }[] = [];
  const opened: { name: string; at: number }[] = [];
  const tag = /\{\{~?!--[\s\S]*?--~?\}\}|\{\{~?![\s\S]*?\}\}|\{\{~?\s*([#/])\s*[>*]?\s*([^\s}~()]+)/g;
  for (const m of src.matchAll(tag)) {
    if (m[1] === '#') {
      stack.push({ name: m[2], at: m.index });
      opened.push({ name: m[2], at: m.index });
    } else if (m[1] === '/') stack.pop();
  }
  const open = stack.pop();
  if (!open) return undefined;
  const lineOf = (at: number) => src.slice(0, at).split('\n').length;
  const before = src.slice(0, open.at);
  return {
    name: open.name,
    line: lineOf(open.at),
    column: open.at - before.lastIndexOf('\n'),
    laterLines: opened.filter((o) => o.name === open.name && o.at > open.at).map((o) => lineOf(o.at)),
  };
}
