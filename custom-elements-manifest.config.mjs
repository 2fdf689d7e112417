// `npm run cem` writes custom-elements.json from the components' JSDoc (@summary, @event,
// @csspart, @cssproperty, @slot and each public property's doc line): editors and docs read it.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['components/**/*.styles.ts', 'components/**/*.strings.ts', 'components/index.ts'],
  outdir: '.',
  litelement: true,
};
