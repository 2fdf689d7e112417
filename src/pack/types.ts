/**
 * The rule pack: what service designers publish. Its contract for editors is
 * schema/rule-pack.schema.json; validate-pack.ts enforces the same rules at run time.
 */

/** Sides an anchored surface may take relative to its anchor. */
export type Side = 'top' | 'bottom' | 'left' | 'right';

/** Where a solution appears: the first placement that resolves on the page wins. */
export interface Placement {
  /** Name of a `<zc-outlet name="…">` the product team placed. Tried first. */
  readonly outlet?: string;
  /** `$target` (the element the signal happened on) or a CSS selector. */
  readonly anchor?: string;
  /** Side of the anchor, default bottom. */
  readonly side?: Side;
}

/** A service solution: which component, where, saying what (string ids). */
export interface Solution {
  readonly component: 'zc-card';
  readonly placement: Placement;
  readonly content: { readonly title: string; readonly body: string };
}

/** A signal condition: `count` matching signals within `within`. */
export interface SignalCondition {
  /** A detector name from docs/signals.md. */
  readonly signal: string;
  /** CSS selector the signal's target must match (itself or an ancestor). */
  readonly target?: string;
  /** For request signals: the HTTP method, upper case. */
  readonly method?: string;
  /** For request signals: a glob over the request path (no query). */
  readonly path?: string;
  readonly count?: number;
  readonly within?: string;
}

/** One rule: friction on a page → a solution. */
export interface Rule {
  readonly id: string;
  /** Page path glob, `*` and `?` only; default every page. */
  readonly page?: string;
  /** 0–100, higher wins when several rules fire on the same input; default 50. */
  readonly priority?: number;
  readonly when: SignalCondition;
  readonly solution: Solution;
}

/** Detector threshold overrides, by detector name then option; durations as strings ("30s"). */
export type SignalOverrides = Readonly<Record<string, Readonly<Record<string, number | string>>>>;

/** A whole rule pack. */
export interface RulePack {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string;
  /** Supported SDK versions, e.g. "^0.1". */
  readonly sdk: string;
  /** Locale the strings are authored in; default "en". */
  readonly locale?: string;
  /** Strings by locale, then by string id. */
  readonly strings: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly budget?: { readonly perSession?: number; readonly minGap?: string };
  readonly signals?: SignalOverrides;
  readonly rules: readonly Rule[];
  /** Written by `zerocall sign` (src/pack/signature.ts): a signature over the rest of the pack. */
  readonly signature?: PackSignature;
}

/** A pack's signature: over the pack without this property, canonical JSON (RFC 8785). */
export interface PackSignature {
  readonly alg: 'ES256' | 'Ed25519';
  /** Which key signed it, for rotation. */
  readonly kid?: string;
  /** base64url, no padding. */
  readonly value: string;
}
