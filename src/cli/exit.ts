// Exit codes (documented in README), in a module of their own: main.ts needs them for every
// run, output.ts (which knows every error class of the pipeline) only when something failed.
export const EXIT = { ok: 0, inputError: 1, usage: 2, internal: 3 } as const;
