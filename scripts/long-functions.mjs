#!/usr/bin/env node
// Lists functions longer than a limit (default 80 lines) in src/, unless a comment right above
// them says why ("long: <reason>"). Run by `npm run lint`; exits 1 when it finds any.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(new URL('..', import.meta.url).pathname);
const limit = Number(process.argv[2] ?? 80);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const found = [];
for (const file of files(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.end).line;
      const lines = end - start + 1;
      // The comment may sit on the function or on the statement holding it (const x = () => …).
      let holder = node;
      while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent) && !ts.isClassLike(holder.parent)) holder = holder.parent;
      const comments = (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? []).map((c) => text.slice(c.pos, c.end)).join('\n');
      if (lines > limit && !/\blong:/.test(comments)) {
        const name = node.name?.getText(sf) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(sf) : '(anonymous)');
        found.push(`${relative(root, file)}:${start + 1} ${name}: ${lines} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}
if (found.length) {
  console.log(`Functions over ${limit} lines without a "long: <reason>" comment:`);
  for (const f of found) console.log('  ' + f);
  process.exit(1);
}
console.log(`No function over ${limit} lines without a reason.`);
