#!/usr/bin/env node
// Build step (after tsc): the built-in templates precompiled into dist/templates.precompiled.json,
// so a run skips Handlebars' parser and code generator for them (see src/template/engine.ts).
import { writeFileSync } from 'node:fs';

const { precompileBuiltins, PRECOMPILED } = await import(new URL('../dist/template/engine.js', import.meta.url).href);
writeFileSync(PRECOMPILED, JSON.stringify(precompileBuiltins()));
