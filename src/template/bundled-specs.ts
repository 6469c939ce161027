// The built-in templates' precompiled specs as code, when the CLI runs from its bundle:
// scripts/bundle.mjs replaces this module with one holding every spec of
// dist/templates.precompiled.json as an object literal, so the specs are compiled with the
// bundle (and kept in its V8 code cache) instead of one `new Function` per template at each
// start. Unbundled (tsc's output, the tests), there are none and engine.ts reads the JSON store.

/** Handlebars' version and, per source hash, the spec object Handlebars.template takes. */
export const BUNDLED_SPECS: { handlebars: string; templates: Record<string, object> } | undefined = undefined;
