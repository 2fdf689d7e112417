// `npm run cem` writes custom-elements.json from the components' JSDoc (@summary, @event,
// @csspart, @cssproperty, @slot and each public property's doc line): editors and docs read it.
// The designer inspector (components/inspector/) is not for product teams' pages, so it is left out.
// The files are listed sorted, not globbed: the analyzer's output (module order, and which
// inherited parts land where) follows the order it reads files in, and a glob follows the disk.
import { readdirSync } from 'node:fs';

const files = readdirSync('components', { recursive: true })
  .map((f) => `components/${String(f).split('\\').join('/')}`)
  .filter((f) => f.endsWith('.ts') && !/\.(styles|strings)\.ts$/.test(f) && f !== 'components/index.ts' && !f.startsWith('components/inspector/'))
  .sort();

export default {
  globs: files,
  outdir: '.',
  litelement: true,
};
