// The support agent's console (demo/agent.html) on zerocall/agent-client: pair with the code
// the caller reads out, watch where they are and what trips them up, push help into their page
// and see what they do with it (docs/agent-console.md). A reload resumes the session: what the
// relay will not replay (the context, signals and answers so far) is kept in sessionStorage.
import { AgentClientError, pairAgent, resumeAgent } from '/dist/zerocall-agent-client.mjs';
import { inlinePush } from './agent-pushes.js';
import { AGENT_STRINGS, CALLER_DEFAULTS } from './agent-strings.js';

const RELAY = '/zc/v1';
const TOKEN = 'acme-demo-agent'; // the demo relay's agent token (demo/serve.mjs)
const STORE = 'acme-agent-console';
const LANG_KEY = 'acme-agent-lang';
const MAX_SIGNALS = 50;

const lang = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
/** Looks a console string up and fills its `{placeholders}`; `fallback` when neither language has it. */
function t(key, vars = {}, fallback = key) {
  const s = AGENT_STRINGS[lang][key] ?? AGENT_STRINGS.en[key] ?? fallback;
  return s.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}
const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const $ = (id) => document.getElementById(id);
/** An element with properties and children (strings become text, never markup). */
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** The open session, and what the console knows of it that the relay will not replay. */
let session;
let state = fresh();
function fresh() {
  return { next: 1, kinds: {}, context: null, signals: [], answers: [] };
}

function save() {
  if (!session) return;
  try {
    sessionStorage.setItem(STORE, JSON.stringify({ saved: session.saved(), ...state }));
  } catch {
    /* storage full or blocked: a reload then asks for a new code */
  }
}
function forget() {
  try {
    sessionStorage.removeItem(STORE);
  } catch {
    /* blocked: nothing was kept */
  }
}

// ---- The page shell ----

/** The guided-steps form's three rows (#step1-text, #step1-target, #step1-page, …), from one template; the first is required. */
function stepRows() {
  const template = $('step-row');
  for (const n of [1, 2, 3]) {
    const row = template.content.cloneNode(true);
    row.querySelector('legend').dataset.n = String(n);
    for (const input of row.querySelectorAll('[data-id]')) input.id = `step${n}-${input.dataset.id}`;
    for (const label of row.querySelectorAll('[data-for]')) label.htmlFor = `step${n}-${label.dataset.for}`;
    if (n === 1) row.querySelector('[data-id="text"]').required = true;
    template.parentElement.append(row);
  }
}

function translate() {
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n, node.dataset);
  for (const node of document.querySelectorAll('[data-i18n-html]')) node.innerHTML = t(node.dataset.i18nHtml);
  for (const node of document.querySelectorAll('[data-i18n-aria]')) node.setAttribute('aria-label', t(node.dataset.i18nAria));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

function setStatus(state, text) {
  $('agent-status').dataset.state = state;
  $('agent-status').textContent = text;
}

function showError(summary, detail) {
  const box = $('agent-error');
  box.replaceChildren();
  if (summary) box.append(el('strong', {}, summary), ...(detail ? [' ', el('span', {}, t('pair.relay', { message: detail }))] : []));
  $('agent-code').setAttribute('aria-invalid', String(Boolean(summary)));
}

function showView(paired) {
  $('pair-view').hidden = paired;
  $('session-view').hidden = !paired;
}

// ---- Pairing, resuming, ending ----

async function onPair(event) {
  event.preventDefault();
  const code = $('agent-code').value.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(code)) return showError(t('error.code-format'));
  showError('');
  $('agent-notice').hidden = true;
  $('agent-pair').disabled = true;
  setStatus('pending', t('status.pairing'));
  try {
    const s = await pairAgent({ url: RELAY, token: TOKEN, code, name: $('agent-name').value.trim() || 'Alex' });
    state = fresh();
    // A new caller: no titles left over from the last one, in the last one's language.
    for (const form of document.querySelectorAll('form.builder')) form.reset();
    for (const result of document.querySelectorAll('.push-result')) result.textContent = '';
    begin(s);
    $('agent-code').value = '';
    $('session-title').focus();
  } catch (error) {
    setStatus('idle', t('status.idle'));
    const known = error instanceof AgentClientError && t(`error.${error.code}`) !== `error.${error.code}`;
    showError(known ? t(`error.${error.code}`) : t('error.other'), error instanceof Error ? error.message : String(error));
  } finally {
    $('agent-pair').disabled = false;
  }
}

/** Starts listening to a paired or resumed session and shows it. */
function begin(s) {
  session = s;
  s.on('context', (m) => {
    state.context = m;
    for (const signal of m.signals) addSignal(signal);
    save();
    renderContext();
  });
  s.on('signal', (m) => {
    addSignal(m);
    save();
    renderSignals();
  });
  s.on('answer', (m) => {
    state.answers.push(m);
    save();
    $('agent-answers').append(answerItem(m));
    $('answers-empty').hidden = true;
  });
  s.on('end', (m) => finish(t(m.reason === 'expired' ? 'end.expired' : m.by === 'user' ? 'end.user' : m.by === 'agent' ? 'end.agent' : 'end.relay')));
  s.on('connection', (c) => {
    if (session !== s) return;
    if (c.state === 'open') setStatus('open', t('status.open'));
    else if (c.state === 'retrying') setStatus('retrying', t('status.retrying', { seconds: Math.ceil(c.delay / 1000) }));
    else finish(t('status.over', { why: c.why }));
  });
  setStatus('pending', t('status.connecting'));
  save();
  showView(true);
  renderContext();
  $('agent-answers').replaceChildren(...state.answers.map(answerItem));
  $('answers-empty').hidden = state.answers.length > 0;
}

/** Back to the pair form, saying why. */
function finish(why) {
  session?.close();
  session = undefined;
  forget();
  showView(false);
  setStatus('idle', why);
  $('agent-notice').textContent = why;
  $('agent-notice').hidden = false;
  $('agent-code').focus();
}

async function onEnd() {
  const s = session;
  if (!s) return;
  $('agent-end').disabled = true;
  try {
    await s.end();
    finish(t('end.agent'));
  } catch (error) {
    setStatus('error', t('status.endFailed', { message: error.message }));
  } finally {
    $('agent-end').disabled = false;
  }
}

function resume() {
  let kept;
  try {
    kept = JSON.parse(sessionStorage.getItem(STORE) ?? 'null');
  } catch {
    kept = null;
  }
  if (!kept?.saved) return;
  const { saved, ...rest } = kept;
  try {
    state = { ...fresh(), ...rest };
    begin(resumeAgent(saved));
  } catch (error) {
    console.warn(`Agent console: could not resume the saved session (${error.message})`);
    forget();
    state = fresh();
  }
}

// ---- What the caller's page says ----

function addSignal(signal) {
  const key = (s) => `${s.t}|${s.signal}|${s.page}|${s.target ?? ''}`;
  if (state.signals.some((s) => key(s) === key(signal))) return;
  const { signal: name, t: at, page, target } = signal;
  state.signals = [...state.signals, { signal: name, t: at, page, target }].sort((a, b) => b.t - a.t).slice(0, MAX_SIGNALS);
}

function renderSignals() {
  $('agent-signals').replaceChildren(
    ...state.signals.map((s) =>
      // Spaces between the parts, so a screen reader does not run them together.
      el('li', { className: 'signal' }, el('time', { dateTime: new Date(s.t).toISOString() }, clock.format(s.t)), ' ', el('strong', {}, s.signal), ' ', el('code', {}, s.page), ...(s.target ? [' ', el('code', {}, s.target)] : [])),
    ),
  );
  $('signals-empty').hidden = state.signals.length > 0;
}

/** The caller's locale: pushed text goes there (the page falls back to its pack's strings only). */
const callerLocale = () => state.context?.locale ?? session?.user.locale ?? 'en';

function renderContext() {
  const c = state.context;
  const user = session?.user ?? {};
  $('session-pack').textContent = c?.pack ?? user.pack ?? '—';
  $('session-locale').textContent = callerLocale();
  $('session-sdk').textContent = user.sdk ?? '—';
  $('agent-page').textContent = c ? c.page : t('page.waiting');
  $('agent-trail').replaceChildren(...(c?.pages ?? []).map((p) => el('li', {}, el('code', {}, p))));
  const chips = (id, names) => $(id).replaceChildren(...(names.length ? names : [t('host.none')]).map((n) => el('li', { className: names.length ? 'chip' : 'chip chip--none' }, n)));
  chips('agent-actions', c?.actions ?? []);
  chips('agent-providers', c?.providers ?? []);
  chips('agent-rules', (c?.rules ?? []).map((r) => `${r.id} · ${r.component}`));
  fillSelect('picker-provider', c?.providers, (p) => [p, p]);
  fillSelect('action-host', c?.actions, (a) => [a, a]);
  fillSelect('rule-id', c?.rules, (r) => [r.id, `${r.id} (${r.component})`]);
  $('push-intro').textContent = t('push.intro', { locale: callerLocale() });
  // Default titles in the caller's language, where the agent has not typed one.
  const defaults = CALLER_DEFAULTS[callerLocale()] ?? CALLER_DEFAULTS.en;
  for (const [id, text] of [['picker-title', defaults.picker], ['steps-title', defaults.steps]]) if (!$(id).value) $(id).value = text;
  $('action-title').placeholder = defaults.action;
  renderSignals();
}

/** Options from the context; the choice survives an update that still offers it. */
function fillSelect(id, items, option) {
  const select = $(id);
  const was = select.value;
  const options = (items ?? []).map((item) => {
    const [value, label] = option(item);
    return el('option', { value }, label);
  });
  if (!options.length) options.push(el('option', { value: '' }, t(items ? 'push.noneRegistered' : 'push.waiting')));
  select.replaceChildren(...options);
  if (options.some((o) => o.value === was)) select.value = was;
}

// ---- Pushing ----

async function onPush(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const kind = form.dataset.kind;
  const result = $(`${kind}-result`);
  const button = form.querySelector('button[type="submit"]');
  if (!session) return;
  const id = `p${state.next++}`;
  let push;
  if (kind === 'rule') {
    push = { id, rule: $('rule-id').value };
    state.kinds[id] = `rule:${push.rule}`;
  } else {
    push = inlinePush(kind, id, callerLocale(), (inputId) => $(inputId).value.trim(), CALLER_DEFAULTS[callerLocale()] ?? CALLER_DEFAULTS.en);
    state.kinds[id] = kind;
  }
  save();
  button.disabled = true;
  result.dataset.state = 'pending';
  result.textContent = t('push.sending', { id });
  const res = await session.push(push);
  button.disabled = false;
  result.dataset.state = res.ok ? 'ok' : 'error';
  result.textContent = res.ok ? t('push.sent', { id }) : t('push.refused', { id, message: res.error.message });
}

/**
 * Steps' targets are CSS selectors: the browser's own parser says, as the agent types, whether
 * the caller's page could use one; the form then will not submit until it can.
 */
function checkSelector(input) {
  let message = '';
  try {
    if (input.value.trim()) document.createDocumentFragment().querySelector(input.value.trim());
  } catch {
    message = t('steps.badSelector');
  }
  input.setCustomValidity(message);
}

// ---- What became of each push ----

function answerItem(a) {
  const item = el('li', { className: `answer answer--${a.outcome}` });
  Object.assign(item.dataset, { push: a.push, outcome: a.outcome });
  const kind = state.kinds[a.push];
  const kindText = kind ? (kind.startsWith('rule:') ? t('kind.rule', { rule: kind.slice(5) }) : t(`kind.${kind}`)) : '';
  if (a.outcome === 'refused') {
    const problems = (a.problems ?? []).map((p) => `${p.path || '/'}: ${p.message}`);
    item.textContent = `${a.push} · ${t('answer.refused')}: ${problems.join('; ')}`;
    return item;
  }
  const parts = [a.push, ...(kindText ? [kindText] : []), [t(`outcome.${a.outcome}`, {}, a.outcome), a.record?.label].filter(Boolean).join(' ')];
  if (a.step !== undefined) parts.push(t('answer.step', { n: a.step + 1 }));
  if (a.reason) parts.push(t('answer.reason', { reason: a.reason }));
  item.textContent = parts.join(' · ');
  return item;
}

// ---- Start ----

stepRows();
translate();
$('pair-form').addEventListener('submit', onPair);
$('agent-end').addEventListener('click', onEnd);
for (const form of document.querySelectorAll('form.builder')) form.addEventListener('submit', onPush);
$('builder-steps').addEventListener('input', (event) => event.target.id?.endsWith('-target') && checkSelector(event.target));
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('[data-lang]') : null;
  if (!button || button.dataset.lang === lang) return;
  try {
    localStorage.setItem(LANG_KEY, button.dataset.lang);
  } catch {
    /* storage blocked: the query carries it */
  }
  save();
  location.replace(`${location.pathname}?lang=${button.dataset.lang}`);
});
// Leaving (or a reload) stops listening but keeps the session: the next load resumes it.
addEventListener('pagehide', () => {
  save();
  session?.close();
});
addEventListener('pageshow', (event) => {
  if (event.persisted) {
    session = undefined;
    resume();
  }
});
resume();
