const parts = (v: string): number[] | undefined => {
  const p = v.split('.');
  if (p.length === 0 || p.length > 3 || p.some((x) => x === '' || !/^\d+$/.test(x))) return undefined;
  return p.map(Number);
};

/** True when `range` is a supported range form: `*`, `x.y.z`, `^x[.y[.z]]`, `~x[.y[.z]]`, `>=x[.y[.z]]`. */
export const isSdkRange = (range: string): boolean => satisfiesRange('0.0.0', range) !== undefined;

/**
 * Whether `version` (x.y.z) satisfies `range`, with npm's caret and tilde meaning;
 * undefined when the range is not one of the supported forms.
 */
export function satisfiesRange(version: string, range: string): boolean | undefined {
  if (range === '*') return true;
  const op = range.startsWith('>=') ? '>=' : range[0] === '^' || range[0] === '~' ? range[0] : '';
  const want = parts(range.slice(op.length));
  const have = parts(version);
  if (!want || !have) return undefined;
  const [M = 0, m = 0, p = 0] = want;
  const [hM = 0, hm = 0, hp = 0] = have;
  const cmp = hM - M || hm - m || hp - p;
  if (op === '') return want.length === 3 ? cmp === 0 : hM === M && (want.length < 2 || hm === m);
  if (op === '>=') return cmp >= 0;
  if (op === '~') return cmp >= 0 && hM === M && (want.length < 2 || hm === m);
  // Caret: the left-most non-zero part is fixed, as in npm.
  if (cmp < 0) return false;
  if (M !== 0 || want.length === 1) return hM === M;
  if (m !== 0 || want.length === 2) return hM === 0 && hm === m;
  return hM === 0 && hm === 0 && hp === p;
}
