// What the console's push forms build (demo/agent.html): an inline solution of the rule-pack
// schema's solution shape, docked at the end of the caller's page, whose texts are string ids
// `agent.<push>.<part>` defined in the push's `strings` under the caller's locale.

const opt = (key, value) => (value ? { [key]: value } : {});

/** Each kind's solution from its form; `text(part, inputId, fallback?)` turns a field into a string id. */
const FORMS = {
  picker: (text, value) => ({ component: 'zc-picker', content: { title: text('title', 'picker-title') }, source: value('picker-provider') }),
  card: (text) => ({ component: 'zc-card', content: { title: text('title', 'card-title'), body: text('body', 'card-body') } }),
  action: (text, value, defaults) => ({
    component: 'zc-action',
    content: { title: text('title', 'action-title', defaults.action) },
    action: { host: value('action-host'), label: text('label', 'action-label'), ...opt('confirm', text('confirm', 'action-confirm')), ...opt('success', text('success', 'action-success')) },
  }),
  steps: (text, value) => ({
    component: 'zc-steps',
    content: { title: text('title', 'steps-title') },
    steps: [1, 2, 3]
      .filter((n) => value(`step${n}-text`))
      .map((n) => ({ text: text(`step${n}`, `step${n}-text`), ...opt('target', value(`step${n}-target`)), ...opt('page', value(`step${n}-page`)) })),
  }),
};

/**
 * The push a form describes. `value(inputId)` reads a field (trimmed); `defaults` are texts in
 * the caller's language for fields the agent may leave empty.
 */
export function inlinePush(kind, id, locale, value, defaults) {
  const table = {};
  // An empty optional field gives no string id at all.
  const text = (part, inputId, fallback = '') => {
    const v = value(inputId) || fallback;
    if (!v) return '';
    table[`agent.${id}.${part}`] = v;
    return `agent.${id}.${part}`;
  };
  const { component, ...rest } = FORMS[kind](text, value, defaults);
  return { id, solution: { component, placement: { dock: 'end' }, ...rest }, strings: { [locale]: table } };
}
