// Builds every artefact in dist/ (see README "Build"):
//   zerocall.js             classic script for the <script async> tag (IIFE, no lit inside)
//   zerocall-components.js  the component chunk zerocall.js imports on the first mount
//   zerocall-inspector.js   the designer inspector zerocall.js imports for ?zc-debug
//   snippet.min.js          the queueing stub to paste before the tag
//   zerocall.mjs + chunks/  the npm entry, components split into a lazy chunk
//   zerocall-worker.mjs     the npm package's telemetry worker (`zerocall/worker`)
//   zerocall.d.ts           its typings
//   zerocall-agent.js       the agent channel zerocall.js imports on ZeroCall.connect()
//   zerocall-agent-client.mjs  the agent's side (pair, push, answers) for an agent console
//   cli.mjs                 the `zerocall` command (bin/zerocall.mjs)
//   relay.mjs               the reference agent-push relay (bin/zerocall-relay.mjs)
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { rmSync } from 'node:fs';

// Start from an empty dist/: hashed chunks of earlier builds would otherwise pile up and be sized.
rmSync('dist', { recursive: true, force: true });

const ts = (tsconfig = 'tsconfig.json') =>
  typescript({
    tsconfig,
    include: ['src/**/*.ts', 'components/**/*.ts'],
    compilerOptions: { declaration: false, noEmit: false, outDir: undefined },
  });
/**
 * Lit's css`` templates reach the bundle as written: terser never touches a template literal's
 * text. Drop their comments and the whitespace that carries no meaning (around braces,
 * semicolons, commas and after colons of declarations; a space before a colon can be a
 * descendant combinator, so it stays). The templates hold no `${}`, so plain text it is.
 */
const minifyCss = () => ({
  name: 'minify-css-templates',
  transform(code, id) {
    // After TypeScript, which writes the tag as `css \``.
    if (!/\/components\/.*\.ts$/.test(id)) return null;
    const out = code.replace(/\bcss\s*`([^`]*)`/g, (_, text) => {
      const min = text
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/([;{]\s*[-\w]+):\s+/g, '$1:')
        .replace(/;}/g, '}')
        .trim();
      return `css\`${min}\``;
    });
    // Indentation inside html`` templates is whitespace HTML collapses anyway; a line break
    // keeps its meaning as whitespace, so keep it and drop what follows it.
    return { code: out.replace(/\n[ \t]+/g, '\n'), map: null };
  },
});
// No property mangling of `_x` internals: decorators name reactive properties by string
// (`__decorate([state()], C.prototype, "_phase")`), which a mangler cannot follow.
const min = (module) => terser({ module, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
// rxjs's default export is its ES5 build (tslib iterator helpers allocate on every Subject.next); take its ES2015 build.
const resolve = () => nodeResolve({ exportConditions: ['es2015'] });
const plugins = (module) => [resolve(), ts(), minifyCss(), min(module)];
// Our runtime dependencies are bundled into the script-tag files but left to the app's bundler in the npm build.
const external = (id) => /^(lit|@lit|rxjs|idb)(\/|$)/.test(id);

export default [
  {
    input: 'src/global.ts',
    output: { file: 'dist/zerocall.js', format: 'iife', sourcemap: true },
    plugins: plugins(false),
  },
  {
    input: 'components/index.ts',
    output: { file: 'dist/zerocall-components.js', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    // The designer inspector (`?zc-debug`), with its own copy of lit: only designers load it.
    input: 'components/inspector/index.ts',
    output: { file: 'dist/zerocall-inspector.js', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    // The agent channel (ZeroCall.connect), with its own copy of lit: only pages that share a session with an agent load it.
    input: 'components/agent/index.ts',
    output: { file: 'dist/zerocall-agent.js', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    // For agent consoles: pair with a code, push solutions, hear the answers (docs/agent-push.md).
    input: 'src/agent/agent-client.ts',
    output: { file: 'dist/zerocall-agent-client.mjs', format: 'es', sourcemap: true },
    plugins: plugins(true),
  },
  {
    input: 'src/loader.ts',
    output: { file: 'dist/snippet.min.js', format: 'iife' },
    plugins: plugins(false),
  },
  {
    input: { zerocall: 'src/index.ts' },
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      // What the inspector shares with the components (the frame's theme styles, locale lookup) stays in the
      // component chunk, so that chunk stands alone on lit and its size says what help costs.
      manualChunks: (id) => (/\/components\/(?!inspector\/|agent\/)/.test(id) ? 'components' : undefined),
    },
    external,
    plugins: plugins(true),
  },
  {
    // The telemetry worker for the npm package (a worker is its own bundle: sharing a chunk
    // with the page's entry would drag the page's code into it).
    input: 'src/worker.ts',
    output: { file: 'dist/zerocall-worker.mjs', format: 'es', sourcemap: true },
    external,
    plugins: plugins(true),
  },
  {
    // The CLI, for Node: the same validator the page runs.
    input: 'src/cli/main.ts',
    output: { file: 'dist/cli.mjs', format: 'es' },
    external: (id) => id.startsWith('node:'),
    plugins: [resolve(), ts('tsconfig.cli.json')],
  },
  {
    // The reference relay, for Node: no dependencies beyond node:http and node:crypto.
    input: 'src/relay/relay.ts',
    output: { file: 'dist/relay.mjs', format: 'es' },
    external: (id) => id.startsWith('node:'),
    plugins: [resolve(), ts('tsconfig.relay.json')],
  },
  {
    input: 'src/index.ts',
    output: { file: 'dist/zerocall.d.ts', format: 'es' },
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
  },
];
