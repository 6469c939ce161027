// JSON Schema of a document type's input, for editor completion ("$schema" in a plan file).
import { z } from 'zod';
import type { DocType } from '../doctypes/doctype.js';

export function jsonSchema(type: DocType<unknown>): object {
  const schema = z.toJSONSchema(type.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, title: `kehoach: ${type.name}` };
}

export function jsonSchemaText(type: DocType<unknown>): string {
  return JSON.stringify(jsonSchema(type), null, 2) + '\n';
}
