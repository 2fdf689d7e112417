/**
 * Matches a page path against a pack glob: `*` is any run of characters (including `/`),
 * `?` is one character, everything else is literal. Iterative with one backtrack point,
 * so it runs in O(path × glob) at worst and a hostile pack cannot make it hang.
 */
export function matchGlob(glob: string, path: string): boolean {
  let g = 0;
  let p = 0;
  let starG = -1;
  let starP = 0;
  while (p < path.length) {
    const c = glob[g];
    if (c === '*') {
      starG = g++;
      starP = p;
    } else if (c !== undefined && (c === '?' || c === path[p])) {
      g++;
      p++;
    } else if (starG >= 0) {
      g = starG + 1;
      p = ++starP;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}
