import { expect } from '@open-wc/testing';
import { formatProblem } from '../../src/pack/checks.js';
import { SIGNALS, validatePack } from '../../src/pack/validate-pack.js';
import { packWith } from '../engine/recorded.js';

const isSelector = (s: string): boolean => {
  try {
    document.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
};
const errors = (pack: unknown, sdkVersion = '0.1.0') => validatePack(pack, { sdkVersion, isSelector }).map(formatProblem);
const good = packWith([{ id: 'pay-help', page: '/checkout*' }]);
/** The good pack with the value at a JSON pointer replaced (or removed, for undefined). */
function withChange(pointer: string, value: unknown): unknown {
  const pack: unknown = structuredClone(good);
  const keys = pointer.split('/').slice(1);
  const last = keys.pop()!;
  const parent = keys.reduce((node, k) => (node as Record<string, unknown>)[k], pack) as Record<string, unknown>;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return pack;
}
const rule0 = good.rules[0]!;

describe('rule pack validation', () => {
  it('accepts a well-formed pack', () => {
    expect(errors(good)).to.deep.equal([]);
  });

  it('names the JSON pointer and the expectation for each mistake (corpus)', () => {
    const corpus: Array<[string, string, unknown, string]> = [
      ['missing id', '/id', undefined, '/id: missing; expected an id of lower-case letters, digits, ".", "_" or "-"'],
      ['bad duration', '/rules/0/when', { signal: 'rage-click', count: 2, within: '30 seconds' }, '/rules/0/when/within: expected a duration like "30s" (ms, s, m, h or d), got "30 seconds"'],
      ['unknown signal', '/rules/0/when/signal', 'rage', `/rules/0/when/signal: expected one of ${SIGNALS.join(', ')}, got "rage"`],
      ['bad selector', '/rules/0/when/target', '#pay[[', '/rules/0/when/target: expected a valid CSS selector, got "#pay[["'],
      ['typo in a key', '/rules/0/priorty', 5, '/rules/0/priorty: unknown property; expected one of id, page, priority, when, cap, cooldown, group, enabled, confidence, solution'],
      ['confidence out of its set', '/rules/0/confidence', 'sure', '/rules/0/confidence: expected one of high, normal, got "sure"'],
      ['a help level out of its set', '/preferences', { help: 'sometimes' }, '/preferences/help: expected one of useful, stuck, off, got "sometimes"'],
      ['a segment without its level', '/preferences', { segments: [{ when: { context: 'tenure', lte: 30 } }] }, '/preferences/segments/0/help: missing; expected one of useful, stuck, off'],
      ['a segment on a signal', '/preferences', { segments: [{ when: { all: [{ context: 'plan', is: 'pro' }, { signal: 'rage-click' }] }, help: 'stuck' }] }, '/preferences/segments/0/when/all/1: a segment tests only the host\'s context (context, all, any, not), not "signal"'],
      ['a segment with a bad context test', '/preferences', { segments: [{ when: { context: 'plan', in: [] }, help: 'useful' }] }, '/preferences/segments/0/when/in: expected an array of 1 to 100 strings or numbers, got an empty array'],
      ['segments not a list', '/preferences', { segments: {} }, '/preferences/segments: expected an array of 1 to 20 segments, got an object'],
      ['priority out of range', '/rules/0/priority', 500, '/rules/0/priority: expected an integer from 0 to 100, got 500'],
      ['missing string id', '/rules/0/solution/content/title', 'nope', '/rules/0/solution/content/title: string id "nope" is not defined in the pack\'s locale strings'],
      ['no placement target', '/rules/0/solution/placement', {}, '/rules/0/solution/placement: needs at least one of "outlet", "anchor", "after" or "dock" (tried in that order)'],
      ['bad side', '/rules/0/solution/placement/side', 'middle', '/rules/0/solution/placement/side: expected one of top, bottom, left, right, got "middle"'],
      ['unknown component', '/rules/0/solution/component', 'zc-magic', '/rules/0/solution/component: expected one of zc-card, zc-tip, zc-steps, zc-picker, zc-action, zc-upload, zc-handoff, zc-feedback, got "zc-magic"'],
      ['count without window', '/rules/0/when/count', 3, '/rules/0/when/within: a count above 1 needs a window, e.g. "within": "2m"'],
      ['page without slash', '/rules/0/page', 'checkout', '/rules/0/page: expected a page glob starting with "/" (only * and ? are special), got "checkout"'],
      ['duplicate rule id', '/rules/1', rule0, '/rules/1/id: duplicate rule id "pay-help"'],
      ['no rules', '/rules', [], '/rules: expected an array of 1 to 10000 rules, got an empty array'],
      ['strings of the locale missing', '/locale', 'zh-CN', '/strings/zh-CN: missing the strings of the pack\'s locale "zh-CN"'],
      ['budget of the wrong type', '/budget', { perSession: 'three' }, '/budget/perSession: expected an integer from 0 to 100, got "three"'],
      ['detector override out of range', '/signals', { 'rage-click': { count: 1 } }, '/signals/rage-click/count: expected an integer from 2 to 20, got 1'],
      ['bad sdk range', '/sdk', 'latest', '/sdk: expected an SDK version range like "^0.1", got "latest"'],
      ['not an object', '/rules/0', 'rule', '/rules/0: expected an object, got "rule"'],
      ['nested bad window', '/rules/0/when', { all: [{ signal: 'rage-click' }, { signal: 'u-turn', count: 2, within: '2 min' }] }, '/rules/0/when/all/1/within: expected a duration like "30s" (ms, s, m, h or d), got "2 min"'],
      ['two operators', '/rules/0/when', { all: [{ signal: 'rage-click' }], any: [] }, '/rules/0/when: one operator per condition, got all and any'],
      ['no operator', '/rules/0/when', { within: '2m' }, '/rules/0/when: expected one of all, any, not, sequence, context, score, signal, event'],
      ['empty any', '/rules/0/when', { any: [] }, '/rules/0/when/any: expected an array of 1 to 20 conditions, got an empty array'],
      ['absence first', '/rules/0/when', { sequence: [{ absent: { event: 'track', name: 'paid' }, within: '30s' }, { event: 'submit' }] }, '/rules/0/when/sequence/0: a sequence cannot start with an absence: it needs a step before it to be absent after'],
      ['absence without window', '/rules/0/when', { sequence: [{ event: 'submit' }, { absent: { event: 'track', name: 'paid' } }] }, '/rules/0/when/sequence/1/within: missing; expected a duration like "30s" (ms, s, m, h or d)'],
      ['field of another event', '/rules/0/when', { event: 'click', status: 500 }, '/rules/0/when/status: "status" applies to net events, not click'],
      ['unknown event', '/rules/0/when', { event: 'hover' }, '/rules/0/when/event: expected one of click, submit, invalid, input, focus, nav, net, js-error, track, got "hover"'],
      ['bad status', '/rules/0/when', { event: 'net', status: '4xxx' }, '/rules/0/when/status: expected an HTTP status (0 to 599) or one of 4xx, 5xx, failed, got "4xxx"'],
      ['context with two tests', '/rules/0/when', { context: 'plan', is: 'pro', in: ['pro'] }, '/rules/0/when: expected one test of is, isNot, in, gte, lte, exists (or gte with lte), got is, in'],
      ['score out of range', '/rules/0/when', { score: { gte: 1.5 } }, '/rules/0/when/score/gte: expected a number from 0 to 1, got 1.5'],
      ['too deep', '/rules/0/when', { not: { not: { not: { not: { not: { not: { not: { not: { signal: 'rage-click' } } } } } } } } }, '/rules/0/when/not/not/not/not/not/not/not/not: conditions nest at most 8 deep'],
      ['unknown group', '/rules/0/group', 'billing', '/rules/0/group: no group "billing" in "groups"'],
      ['holdout too large', '/holdout', 0.9, '/holdout: expected a number from 0 to 0.5, got 0.9'],
      ['kill switch not a boolean', '/enabled', 'no', '/enabled: expected true or false, got "no"'],
      ['bad cooldown', '/rules/0/cooldown', 'daily', '/rules/0/cooldown: expected a duration like "30s" (ms, s, m, h or d), got "daily"'],
      ['script link', '/rules/0/solution/actions', [{ label: 't', href: 'javascript:alert(1)' }], '/rules/0/solution/actions/0/href: expected a path starting with "/" or an https:// URL, got "javascript:alert(1)"'],
      ['action label not a string id', '/rules/0/solution/actions', [{ label: 'nope', href: '/help' }], '/rules/0/solution/actions/0/label: string id "nope" is not defined in the pack\'s locale strings'],
      ['too many actions', '/rules/0/solution/actions', [1, 2, 3, 4], '/rules/0/solution/actions: expected an array of 1 to 3 items, got an array of 4'],
      ['bad dock', '/rules/0/solution/placement', { dock: 'top' }, '/rules/0/solution/placement/dock: expected one of start, end, got "top"'],
      ['section of another component', '/rules/0/solution/steps', [{ text: 't' }], '/rules/0/solution/steps: only zc-steps uses "steps"; zc-card does not'],
      ['component without its section', '/rules/0/solution/component', 'zc-action', '/rules/0/solution/action: missing; zc-action needs "action"'],
      ['too many reasons', '/rules/0/solution/reasons', ['t', 't', 't', 't', 't', 't'], '/rules/0/solution/reasons: expected 1 to 5 string ids, got an array of 6'],
      ['unknown reason', '/rules/0/solution/reasons', ['t', 'nope'], '/rules/0/solution/reasons/1: string id "nope" is not defined in the pack\'s locale strings'],
    ];
    for (const [name, pointer, value, expected] of corpus) expect(errors(withChange(pointer, value)), name).to.deep.equal([expected]);
  });

  it('accepts every component with its own section, and names what is wrong in each', () => {
    const solutions: Record<string, unknown> = {
      tip: { component: 'zc-tip', placement: { anchor: '$target', side: 'top' }, content: { body: 'b' } },
      steps: { component: 'zc-steps', placement: { dock: 'end' }, content: { title: 't' }, steps: [{ text: 't', page: '/settings', target: '#autopay' }, { text: 'b' }] },
      picker: {
        component: 'zc-picker',
        placement: { outlet: 'help', after: '#orders' },
        content: { title: 't' },
        source: 'orders',
        next: { component: 'zc-action', content: { title: 't' }, action: { host: 'refund', label: 't', confirm: 'b', success: 'b' } },
      },
      upload: { component: 'zc-upload', placement: { dock: 'start' }, content: { title: 't' }, upload: { endpoint: '/evidence', accept: ['image', 'pdf'], maxBytes: 5_000_000 } },
      handoff: { component: 'zc-handoff', placement: { dock: 'end' }, content: { title: 't', body: 'b' }, handoff: { channel: 'chat', via: 'openChat' } },
      feedback: { component: 'zc-feedback', placement: { outlet: 'help' }, content: { title: 't' }, reasons: ['t', 'b'] },
    };
    for (const [name, solution] of Object.entries(solutions)) expect(errors(withChange('/rules/0/solution', solution)), name).to.deep.equal([]);
    const bad: Array<[string, unknown, string]> = [
      ['both ways', { ...(solutions.upload as object), upload: { via: 'send', endpoint: '/x' } }, '/rules/0/solution/upload: needs exactly one of "via" (a host action) or "endpoint" (a URL)'],
      ['plain http endpoint', { ...(solutions.upload as object), upload: { endpoint: 'http://evil.example/x' } }, '/rules/0/solution/upload/endpoint: expected a path starting with "/" or an https:// URL, got "http://evil.example/x"'],
      ['too big', { ...(solutions.upload as object), upload: { via: 'send', maxBytes: 1e9 } }, '/rules/0/solution/upload/maxBytes: expected an integer from 1 to 26214400, got 1000000000'],
      ['unknown kind', { ...(solutions.upload as object), upload: { via: 'send', accept: ['video'] } }, '/rules/0/solution/upload/accept: expected a list of image and/or pdf, got an array of 1'],
      ['bad channel', { ...(solutions.handoff as object), handoff: { channel: 'phone', via: 'x' } }, '/rules/0/solution/handoff/channel: expected one of chat, callback, ticket, got "phone"'],
      ['host name with code', { ...(solutions.picker as object), source: 'orders()' }, '/rules/0/solution/source: expected a name the host registers (letters, digits, ".", "_" or "-", starting with a letter), got "orders()"'],
      ['picker after picker', { ...(solutions.picker as object), next: { component: 'zc-picker', content: { title: 't' }, source: 'x' } }, '/rules/0/solution/next/component: expected one of zc-card, zc-action, zc-upload, zc-handoff, zc-feedback, got "zc-picker"'],
      ['step page not a path', { ...(solutions.steps as object), steps: [{ text: 't', page: 'settings' }] }, '/rules/0/solution/steps/0/page: expected a page path starting with "/", got "settings"'],
      ['step target not a selector', { ...(solutions.steps as object), steps: [{ text: 't', target: '#a[[' }] }, '/rules/0/solution/steps/0/target: expected a valid CSS selector, got "#a[["'],
      ['tip without body', { ...(solutions.tip as object), content: { title: 't' } }, '/rules/0/solution/content/body: missing; expected a string id defined in "strings"'],
    ];
    for (const [name, solution, expected] of bad) expect(errors(withChange('/rules/0/solution', solution)), name).to.deep.equal([expected]);
  });

  it('refuses a pack made for another SDK version', () => {
    expect(errors({ ...good, sdk: '^2' })).to.deep.equal(['/sdk: this pack needs SDK ^2, but this is SDK 0.1.0']);
  });

  it('reports every problem at once, and survives any JSON value', () => {
    expect(errors({ id: 'X', rules: 'none' })).to.have.length.greaterThan(3);
    for (const v of [null, 42, 'pack', [], true]) expect(errors(v)).to.have.length(1);
  });

  it('escapes JSON pointer tokens', () => {
    const p = { ...good, strings: { ...good.strings, 'a/b~c': 7 } };
    expect(errors(p)).to.deep.equal(['/strings/a~1b~0c: expected an object, got 7']);
  });
});
