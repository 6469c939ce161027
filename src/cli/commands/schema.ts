// `kehoach schema`: the JSON Schema of the plan format.
import type { Command } from 'commander';
import { keHoach } from '../../doctypes/ke-hoach.js';
import { atomicWrite } from '../../util/atomic-write.js';
import { jsonSchemaText } from '../json-schema.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('In JSON Schema của tệp kế hoạch (để trình soạn thảo gợi ý và kiểm tra)')
    .option('-o, --output <tệp>', 'ghi ra tệp thay vì in ra màn hình')
    .action((opts: { output?: string }) => {
      const text = jsonSchemaText(keHoach);
      if (opts.output) {
        atomicWrite(opts.output, text);
        console.log(`Đã ghi ${opts.output}`);
      } else process.stdout.write(text);
    });
}
