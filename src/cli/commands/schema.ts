// `kehoach schema`: the JSON Schema of the plan format.
import type { Command } from 'commander';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { atomicWrite } from '../../util/atomic-write.js';
import type { Cli } from '../io.js';
import { jsonSchemaText } from '../json-schema.js';

export function registerSchema(program: Command, cli: Cli): void {
  program
    .command('schema')
    .description('In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý và kiểm tra)')
    .option('-o, --output <tệp>', 'ghi ra tệp thay vì in ra màn hình')
    .action((opts: { output?: string }) => {
      const text = jsonSchemaText(keHoach);
      if (opts.output) {
        atomicWrite(opts.output, text);
        cli.out(`Đã ghi ${opts.output}`);
      } else cli.stdout.write(text);
    });
}
