// Handlebars' runtime alone (no compiler, no source-map): enough to run precompiled templates,
// register helpers and partials, and escape text. The full package is loaded only to compile a
// template that has no precompiled form (engine.ts). handlebars/runtime.d.ts declares no
// members, so the runtime is typed as the full package less its compiler, which it is.
import type FullHandlebars from 'handlebars';
import runtime from 'handlebars/runtime.js';

export type HandlebarsRuntime = Omit<typeof FullHandlebars, 'compile' | 'precompile' | 'parse' | 'create'> & { create(): HandlebarsRuntime };
export const Handlebars = runtime as unknown as HandlebarsRuntime;
