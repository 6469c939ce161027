// `kehoach schema`: the JSON Schema of the plan format.
import { keHoach } from '../../doctypes/ke-hoach.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { jsonSchemaText } from '../json-schema.js';

export function schema(cli: Cli, opts: { output?: string }): void {
  const text = jsonSchemaText(keHoach);
  if (opts.output) {
    atomicWrite(opts.output, text);
    cli.out(`Đã ghi ${opts.output}`);
  } else cli.stdout.write(text);
}
