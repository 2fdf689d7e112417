// The component gallery: every zc-* component in every state, each the real component from
// dist/ (npm run build), brought to its state the way a user would (its own buttons, clicked in
// its shadow root; a file chosen through its input) against a made-up host page whose data and
// actions answer, fail or never answer on purpose. Nothing here writes a component's DOM.
//
//   /demo/gallery.html?lang=zh-CN&theme=dark     (lang: en | zh-CN; theme: light | dark | custom)
//
// When every state is reached, <body data-ready="true">; a state that could not be reached
// marks its <figure data-ready="false" data-problem="…">, logs an error, and makes it "false".
// `node demo/serve.mjs --check` (demo/check.mjs) screenshots it into docs/gallery*.png.
import { anchorTo, defineComponents } from '/dist/zerocall-components.js';

const query = new URLSearchParams(location.search);
const lang = /^zh/i.test(query.get('lang') ?? '') ? 'zh-CN' : 'en';
const THEMES = ['light', 'dark', 'custom'];

// ---- Words ----------------------------------------------------------------------------
// The page's own text, then what a rule pack would put in the components (already localised:
// the components translate only their own chrome).

const PAGE = {
  en: {
    'doc.title': 'Component gallery · Zero Call',
    header: 'Component gallery',
    'lang.label': 'Language',
    'theme.label': 'Theme',
    'theme.light': 'Light',
    'theme.dark': 'Dark',
    'theme.custom': 'Custom brand',
    title: 'Every component, every state',
    intro:
      'Each cell is the real component from <code>dist/zerocall-components.js</code>, brought to its state through its own buttons, with a made-up host page behind it whose data and actions succeed, fail or never answer. Link a view with <code>?lang=zh-CN&amp;theme=dark</code>.',
    'status.working': 'Reaching every state…',
    'status.ready': 'All {n} states reached.',
    'status.failed': '{k} of {n} states could not be reached: see the red cells and the console.',
  },
  'zh-CN': {
    'doc.title': '组件图库 · Zero Call',
    header: '组件图库',
    'lang.label': '语言',
    'theme.label': '主题',
    'theme.light': '浅色',
    'theme.dark': '深色',
    'theme.custom': '自定义品牌',
    title: '所有组件，所有状态',
    intro:
      '每个单元格都是 <code>dist/zerocall-components.js</code> 中的真实组件，通过它自己的按钮进入各个状态；背后是一个虚构的宿主页面，它的数据和操作会成功、失败或一直不返回。用 <code>?lang=zh-CN&amp;theme=dark</code> 链接到某个视图。',
    'status.working': '正在进入各个状态…',
    'status.ready': '全部 {n} 个状态均已呈现。',
    'status.failed': '{n} 个状态中有 {k} 个未能呈现：请查看红色单元格和控制台。',
  },
}[lang];

const CONTENT = {
  en: {
    about: {
      'zc-card': 'An inline answer: a heading, a formatted body, up to three links and “Did this help?”.',
      'zc-tip': 'A compact hint, usually anchored to the control it is about. It asks nothing.',
      'zc-steps': 'Guided steps across pages that ring the control to use next.',
      'zc-picker': "Lists the user's records from a host data provider; the pick flows into the next step.",
      'zc-action': 'A one-click remedy the host page runs, with an optional confirmation.',
      'zc-upload': 'Evidence upload: an image or a PDF, checked, previewed and sent with progress.',
      'zc-handoff': 'Hands the user to a person, after saying what the agent will get.',
      'zc-feedback': '“Did this help?” on its own, with the pack’s reasons after “No”.',
      'zc-outlet': 'A place the page reserves for help. It takes no space until help arrives.',
    },
    state: {
      plain: 'Plain',
      rich: 'Three links, formatted body',
      reasons: 'After “No”: the reasons',
      answered: 'Answered',
      docked: 'Docked (dock: end), in a mock viewport',
      inline: 'In the flow, no heading',
      anchored: 'Anchored above a button',
      page: 'Step on another page',
      ring: 'Control found: the ring',
      missing: 'Control missing',
      finished: 'Finished',
      loading: 'Loading',
      empty: 'Empty',
      error: "Couldn't load",
      list: 'Records, the second active',
      selected: 'Picked (no next step)',
      idle: 'Idle, for a picked record',
      confirm: 'Confirming',
      pending: 'Working',
      success: 'Succeeded',
      failure: 'Failed',
      upIdle: 'Idle',
      preview: 'Image chosen: preview',
      tooBig: 'Rejected: too big',
      wrongType: 'Rejected: wrong type',
      sending: 'Sending: 40 %',
      uploaded: 'Uploaded',
      upFailed: 'Upload failed',
      share: 'What we share, open',
      sendingHandoff: 'Sending',
      sent: 'Chat started, with a reference',
      handoffFailed: 'Failed',
      asking: 'Asking',
      why: 'After “No”: the reasons',
      filled: 'Holding a card',
      vacant: 'Empty: takes no space',
    },
    card: {
      plainHeading: "Your payment didn't go through",
      plainBody: 'The bank declined the card. Check the expiry date and the name on the card, then try again.',
      richHeading: 'Pay automatically each month',
      richBody: 'Go to **Settings → Payments** and switch on *Auto-debit*.\nQuestions? See [Payment help](/help).',
      actions: ['Payment settings', 'Try another card', 'Contact support'],
      refundHeading: 'Where is my refund?',
      refundBody: 'Refunds reach your card 3–5 working days after we approve them.',
      reasons: ['The steps were unclear', 'My problem is something else'],
      exportHeading: 'Exports are limited to 12 months',
      exportBody: 'Choose a shorter range, then export again.',
      dockHeading: 'Stuck on this page?',
      dockBody: 'We can take you through it, **step by step**.',
      mockPage: 'Acme Pay · Settings',
    },
    tip: {
      inlineBody: 'Your IBAN is on your bank statement, for example `DE89 3704 0044 0532 0130 00`.',
      heading: 'Bank transfer',
      body: 'Transfers arrive within **one working day**.',
      button: 'Pay by bank transfer',
    },
    steps: {
      heading: 'Turn on auto-debit',
      openPayments: 'Open Payments in Settings',
      switchOn: 'Switch on Auto-debit',
      exportHeading: 'Export your orders',
      clickExport: 'Click Export CSV',
      openFile: 'Open the file from your downloads',
      exportButton: 'Export CSV',
      bar: 'Orders · last 30 days',
    },
    picker: {
      heading: 'Which order is the problem?',
      records: [
        { id: 'ord-1042', label: 'Order #1042', detail: '12 Nov · $42.00 · Refund pending' },
        { id: 'ord-1038', label: 'Order #1038', detail: '9 Nov · $18.50 · Delivered' },
        { id: 'ord-1031', label: 'Order #1031', detail: '2 Nov · $120.00 · Delivered' },
      ],
    },
    action: {
      heading: 'Refund this order',
      body: 'We refund the full amount to the card you paid with.',
      label: 'Request a refund',
      confirm: 'Refund $42.00 to the card ending 4242?',
      success: 'Refund requested. It reaches your card in 3–5 days.',
    },
    upload: {
      heading: 'Send us the receipt',
      body: 'A photo or a PDF of the receipt helps us settle this faster.',
    },
    handoff: {
      heading: 'Talk to a person',
      body: 'An agent can pick this up with you right away.',
    },
    feedback: {
      heading: 'Payouts now arrive every Monday',
      body: 'You switched to weekly payouts.',
      reasons: ['Not what I needed', 'Hard to follow', 'Something else is wrong'],
    },
    outlet: {
      panel: 'Orders',
      same: 'The same panel with an empty <zc-outlet> under its heading: nothing shows, no gap.',
      rows: [
        ['#1042', '$42.00'],
        ['#1038', '$18.50'],
      ],
    },
  },
  'zh-CN': {
    about: {
      'zc-card': '内嵌解答：标题、带格式的正文、最多三个链接，以及“这对您有帮助吗？”。',
      'zc-tip': '简短提示，通常锚定在相关控件旁，不提任何问题。',
      'zc-steps': '跨页面的引导步骤，用高亮环圈出下一步要用的控件。',
      'zc-picker': '从宿主的数据提供者列出用户的记录；选中的记录会带入下一步。',
      'zc-action': '由宿主页面执行的一键补救操作，可先确认。',
      'zc-upload': '上传凭证：图片或 PDF，先检查、预览，再带进度发送。',
      'zc-handoff': '先说明会给客服哪些信息，再转接人工客服。',
      'zc-feedback': '单独的“这对您有帮助吗？”，点“没帮助”后列出规则包中的原因。',
      'zc-outlet': '页面为帮助预留的位置；在帮助出现之前不占空间。',
    },
    state: {
      plain: '纯文本',
      rich: '三个链接，带格式的正文',
      reasons: '点“没帮助”后：原因',
      answered: '已回答',
      docked: '停靠（dock: end），在模拟视口中',
      inline: '随文档流，无标题',
      anchored: '锚定在按钮上方',
      page: '步骤在另一个页面',
      ring: '找到控件：高亮环',
      missing: '找不到控件',
      finished: '已完成',
      loading: '加载中',
      empty: '无记录',
      error: '加载失败',
      list: '记录列表，第二条为当前项',
      selected: '已选择（无后续步骤）',
      idle: '待操作，针对已选记录',
      confirm: '确认中',
      pending: '处理中',
      success: '成功',
      failure: '失败',
      upIdle: '待选择',
      preview: '已选图片：预览',
      tooBig: '被拒：文件过大',
      wrongType: '被拒：类型不符',
      sending: '发送中：40%',
      uploaded: '已上传',
      upFailed: '上传失败',
      share: '分享内容（已展开）',
      sendingHandoff: '发送中',
      sent: '已接通聊天，附编号',
      handoffFailed: '失败',
      asking: '提问',
      why: '点“没帮助”后：原因',
      filled: '内含卡片',
      vacant: '空：不占空间',
    },
    card: {
      plainHeading: '付款未成功',
      plainBody: '银行拒绝了这张卡。请检查有效期和持卡人姓名，然后重试。',
      richHeading: '每月自动付款',
      richBody: '前往**设置 → 付款**，打开*自动扣款*。\n有疑问？请看[付款帮助](/help)。',
      actions: ['付款设置', '换一张卡', '联系客服'],
      refundHeading: '我的退款在哪里？',
      refundBody: '退款批准后 3–5 个工作日内退回您的卡。',
      reasons: ['步骤不清楚', '我的问题不是这个'],
      exportHeading: '每次最多导出 12 个月',
      exportBody: '请选择更短的时间范围，然后重新导出。',
      dockHeading: '在这个页面卡住了？',
      dockBody: '我们可以**一步步**带您完成。',
      mockPage: 'Acme Pay · 设置',
    },
    tip: {
      inlineBody: 'IBAN 印在您的银行对账单上，例如 `DE89 3704 0044 0532 0130 00`。',
      heading: '银行转账',
      body: '转账在**一个工作日**内到账。',
      button: '银行转账付款',
    },
    steps: {
      heading: '开启自动扣款',
      openPayments: '在设置中打开“付款”',
      switchOn: '打开自动扣款',
      exportHeading: '导出订单',
      clickExport: '点击“导出 CSV”',
      openFile: '在下载内容中打开文件',
      exportButton: '导出 CSV',
      bar: '订单 · 最近 30 天',
    },
    picker: {
      heading: '是哪个订单有问题？',
      records: [
        { id: 'ord-1042', label: '订单 #1042', detail: '11月12日 · $42.00 · 退款处理中' },
        { id: 'ord-1038', label: '订单 #1038', detail: '11月9日 · $18.50 · 已送达' },
        { id: 'ord-1031', label: '订单 #1031', detail: '11月2日 · $120.00 · 已送达' },
      ],
    },
    action: {
      heading: '为此订单退款',
      body: '全额退回您付款时使用的卡。',
      label: '申请退款',
      confirm: '将 $42.00 退回尾号 4242 的卡？',
      success: '已申请退款，3–5 天内退回您的卡。',
    },
    upload: {
      heading: '请发送收据',
      body: '收据的照片或 PDF 能帮助我们更快处理。',
    },
    handoff: {
      heading: '联系人工客服',
      body: '客服可以马上和您一起处理。',
    },
    feedback: {
      heading: '现在每周一到账',
      body: '您已改为每周结算。',
      reasons: ['不是我需要的', '看不懂', '还有别的问题'],
    },
    outlet: {
      panel: '订单',
      same: '同样的面板，标题下方是一个空的 <zc-outlet>：什么也不显示，也没有空隙。',
      rows: [
        ['#1042', '$42.00'],
        ['#1038', '$18.50'],
      ],
    },
  },
}[lang];

const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
const reasons = (labels) => labels.map((label, i) => ({ id: `why.${i + 1}`, label }));

// ---- The made-up host page ----------------------------------------------------------------
// What the SDK's mount stage would hand every component (components/host.ts `ZcHost`). Each
// data provider and action is named for how it behaves.

/** A promise that never settles: a request still on its way. */
const never = () => new Promise(() => {});
const broken = (name) => Promise.reject(new Error(`"${name}" failed (on purpose: the gallery's host is made up)`));

const host = {
  data(name) {
    if (name === 'orders') return Promise.resolve(CONTENT.picker.records);
    if (name === 'orders-none') return Promise.resolve([]);
    if (name === 'orders-slow') return never();
    return broken(name);
  },
  run(name, input) {
    switch (name) {
      case 'refund':
      case 'attach':
        return Promise.resolve({ ok: true });
      case 'chat':
        return Promise.resolve({ href: 'https://support.example.com/chat/8841', ref: 'ZC-8841' });
      case 'attach-slow':
        input.progress?.(0.4);
        return never();
      case 'refund-slow':
      case 'chat-slow':
        return never();
      default:
        return broken(name);
    }
  },
  packet(rule, record) {
    const now = Date.now();
    const signal = (name, page, target, evidence, ago) => ({ signal: name, t: now - ago, page, target, evidence });
    return {
      id: 'hf-8841',
      pack: 'acme-pay@1.4.0',
      rule,
      page: '/demo/orders',
      pages: ['/demo/checkout', '/demo/orders', '/demo/orders/1042'],
      signals: [
        signal('rage-click', '/demo/orders', '#export-csv', { count: 3, windowMs: 900 }, 42_000),
        signal('api-error', '/demo/orders', '#export-csv', { status: 500, path: '/api/export' }, 41_000),
        signal('u-turn', '/demo/orders/1042', undefined, { ms: 3_100 }, 9_000),
      ],
      ...(record ? { record: { id: record.id, label: record.label } } : {}),
      locale: lang,
      t: now,
    };
  },
};

// ---- Building ----------------------------------------------------------------------------

/** An element with attributes and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** A zc-* component with its properties set, as the SDK's mount stage would. */
function zc(tag, props) {
  const el = document.createElement(tag);
  Object.assign(el, { locale: lang, host, ...props });
  return el;
}

const $ = (el, selector) => el.shadowRoot?.querySelector(selector) ?? null;
const $$ = (el, selector) => [...(el.shadowRoot?.querySelectorAll(selector) ?? [])];

/** Resolves with `test()` once it is truthy; rejects, naming `what`, after `ms`. */
async function until(test, what, ms = 5000) {
  const end = performance.now() + ms;
  for (;;) {
    const value = test();
    if (value) return value;
    if (performance.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Clicks the `index`th match of `selector` in the component's shadow root, once it is there. */
async function press(el, selector, index = 0) {
  const button = await until(() => $$(el, selector)[index], `${selector} in <${el.localName}>`);
  button.click();
  await el.updateComplete;
}

/** What the browser does when the user picks `file` in the component's file chooser. */
async function choose(el, file) {
  const input = await until(() => $(el, 'input[type="file"]'), `the file input of <${el.localName}>`);
  const picked = new DataTransfer();
  picked.items.add(file);
  input.files = picked.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Drawn once: a small receipt, as a PNG a phone camera might have taken. */
let receipt;
function receiptPng() {
  receipt ??= new Promise((resolve) => {
    const canvas = h('canvas', { width: '360', height: '200' });
    const g = canvas.getContext('2d');
    g.fillStyle = '#c9ccd4';
    g.fillRect(0, 0, 360, 200);
    g.fillStyle = '#fffdf6';
    g.fillRect(70, 12, 220, 176);
    g.fillStyle = '#1f2430';
    g.font = 'bold 15px sans-serif';
    g.fillText('ROASTERY SUPPLY CO.', 88, 40);
    g.font = '12px monospace';
    const lines = [
      ['Arabica 5 kg', '34.00'],
      ['Oat milk x12', '6.00'],
      ['Delivery', '2.00'],
    ];
    lines.forEach(([item, price], i) => {
      g.fillText(item, 88, 72 + i * 20);
      g.fillText(price, 238, 72 + i * 20);
    });
    g.fillRect(88, 134, 184, 1);
    g.font = 'bold 13px monospace';
    g.fillText('TOTAL  $42.00', 88, 156);
    g.font = '10px monospace';
    g.fillText('ORDER #1042 · 12 NOV', 88, 176);
    canvas.toBlob((blob) => resolve(new File([blob], 'receipt-1042.png', { type: 'image/png' })), 'image/png');
  });
  return receipt;
}

const MB = 1048576;
const order = () => CONTENT.picker.records[0];
/** Fires at once: a step's control "never appeared" without the 8 s wait. */
const atOnce = (_ms, fn) => {
  const id = setTimeout(fn, 0);
  return () => clearTimeout(id);
};
/** Cleanups of anchors and observers (none are ever needed while the page lives; kept for tidiness). */
const cleanups = [];

/**
 * Every state, by component. A cell: `state` (its data-state), `build(stage)` → the component
 * (it appends it, and any page around it, to the stage), `drive(el, stage)` to bring it to the
 * state, and `ready(el, stage)`, true once the component shows that state.
 */
function gallery(c) {
  const S = c.state;
  const put = (make) => (stage) => stage.appendChild(make());

  const card = (rule, heading, body, more = {}) => zc('zc-card', { rule, heading, body, ...more });
  const tourSteps = [
    { text: c.steps.openPayments, page: '/demo/settings/payments', target: '#autopay' },
    { text: c.steps.switchOn, page: '/demo/settings/payments', target: '#autopay-toggle' },
  ];
  const steps = (rule, list, more = {}) => zc('zc-steps', { rule, heading: c.steps.heading, steps: list, ...more });
  const picker = (source) => zc('zc-picker', { rule: `gallery-picker-${source}`, heading: c.picker.heading, source });
  const action = (name) =>
    zc('zc-action', {
      rule: 'gallery-action',
      heading: c.action.heading,
      body: c.action.body,
      record: order(),
      action: { host: name, label: c.action.label, confirm: c.action.confirm, success: c.action.success },
    });
  const upload = (via) => zc('zc-upload', { rule: 'gallery-upload', heading: c.upload.heading, body: c.upload.body, upload: { via, maxBytes: 5 * MB } });
  const handoff = (via) => zc('zc-handoff', { rule: 'gallery-handoff', heading: c.handoff.heading, body: c.handoff.body, record: order(), handoff: { channel: 'chat', via } });
  const feedback = () => zc('zc-feedback', { rule: 'gallery-feedback', heading: c.feedback.heading, body: c.feedback.body, reasons: reasons(c.feedback.reasons) });
  const answers = (el) => $$(el, '.choices button').length;
  const send = async (el) => {
    await press(el, '.primary'); // the action's button
    await press(el, '.primary'); // Confirm
  };

  return [
    {
      tag: 'zc-card',
      cells: [
        { state: 'plain', label: S.plain, build: put(() => card('gallery-card', c.card.plainHeading, c.card.plainBody)), ready: (el) => $(el, '.body') && answers(el) === 2 },
        {
          state: 'rich',
          label: S.rich,
          build: put(() =>
            card('gallery-card-rich', c.card.richHeading, c.card.richBody, {
              actions: c.card.actions.map((label, i) => ({ label, href: ['/settings/payments', '/checkout', '/help/contact'][i] })),
            }),
          ),
          ready: (el) => $$(el, '[part="action"]').length === 3 && $(el, '.body strong') && $(el, '.body em') && $(el, '.body a'),
        },
        {
          state: 'reasons',
          label: S.reasons,
          build: put(() => card('gallery-card-why', c.card.refundHeading, c.card.refundBody, { reasons: reasons(c.card.reasons) })),
          drive: (el) => press(el, '.choices button', 1), // No
          ready: (el) => answers(el) === c.card.reasons.length + 1,
        },
        {
          state: 'answered',
          label: S.answered,
          build: put(() => card('gallery-card-answered', c.card.exportHeading, c.card.exportBody)),
          drive: (el) => press(el, '.choices button', 0), // Yes
          ready: (el) => $(el, '.thanks'),
        },
        {
          state: 'docked',
          label: S.docked,
          build(stage) {
            const el = card('gallery-card-docked', c.card.dockHeading, c.card.dockBody);
            el.setAttribute('dock', 'end');
            const frame = h('div', { class: 'mock-viewport' }, h('p', { class: 'mock-panel__head' }, c.card.mockPage), h('div', { class: 'mock-lines', 'aria-hidden': 'true' }, ...Array.from({ length: 9 }, () => h('span'))), el);
            stage.append(frame);
            return el;
          },
          async drive(el) {
            await el.updateComplete;
            const frame = el.parentElement;
            const fit = () => (frame.style.height = `${Math.max(240, el.offsetHeight + 96)}px`);
            fit();
            const resize = new ResizeObserver(fit);
            resize.observe(el);
            cleanups.push(() => resize.disconnect());
          },
          ready(el) {
            const [a, f] = [el.getBoundingClientRect(), el.parentElement.getBoundingClientRect()];
            return getComputedStyle(el).position === 'fixed' && a.height > 0 && a.top >= f.top && a.bottom <= f.bottom && a.left >= f.left && a.right <= f.right;
          },
        },
      ],
    },
    {
      tag: 'zc-tip',
      cells: [
        { state: 'inline', label: S.inline, build: put(() => zc('zc-tip', { rule: 'gallery-tip', body: c.tip.inlineBody })), ready: (el) => $(el, '.body code') && !$(el, '.choices') },
        {
          state: 'anchored',
          label: S.anchored,
          build(stage) {
            const el = zc('zc-tip', { rule: 'gallery-tip-anchored', heading: c.tip.heading, body: c.tip.body });
            stage.classList.add('anchor-stage');
            stage.append(el, h('button', { type: 'button', class: 'mock-btn' }, c.tip.button));
            return el;
          },
          async drive(el, stage) {
            await el.updateComplete;
            // The tip is position: fixed once anchored; the stage keeps the room above the button.
            const fit = () => (stage.style.paddingTop = `${el.offsetHeight + 28}px`);
            const resize = new ResizeObserver(fit);
            resize.observe(el);
            cleanups.push(anchorTo(el, stage.querySelector('button'), 'top'), () => resize.disconnect());
            fit();
          },
          ready: (el) => el.style.position === 'fixed' && el.dataset.side,
        },
      ],
    },
    {
      tag: 'zc-steps',
      cells: [
        { state: 'page', label: S.page, build: put(() => steps('gallery-steps-page', tourSteps)), ready: (el) => $(el, '[part="link"]') },
        {
          state: 'ring',
          label: S.ring,
          build(stage) {
            const el = zc('zc-steps', {
              rule: 'gallery-steps-ring',
              heading: c.steps.exportHeading,
              steps: [{ text: c.steps.clickExport, target: '#gallery-export' }, { text: c.steps.openFile }],
            });
            stage.append(h('div', { class: 'mock-bar' }, h('span', {}, c.steps.bar), h('button', { type: 'button', class: 'mock-btn', id: 'gallery-export' }, c.steps.exportButton)), el);
            return el;
          },
          ready: (el) => $(el, '[part="ring"]'),
        },
        {
          state: 'missing',
          label: S.missing,
          build: put(() => steps('gallery-steps-missing', [{ text: c.steps.switchOn, target: '#gallery-auto-debit' }, { text: c.steps.openPayments }], { timer: atOnce })),
          ready: (el) => $(el, '[part="missing"]'),
        },
        {
          state: 'finished',
          label: S.finished,
          build: put(() => steps('gallery-steps-done', [{ text: c.steps.openPayments }, { text: c.steps.switchOn }])),
          async drive(el) {
            await press(el, '.primary'); // Next
            await until(() => $(el, '.row .btn:not(.primary)'), 'step 2 (its Back button)');
            await press(el, '.primary'); // Done
          },
          ready: (el) => $(el, '[part="done"]') && answers(el) === 2,
        },
      ],
    },
    {
      tag: 'zc-picker',
      cells: [
        { state: 'loading', label: S.loading, build: put(() => picker('orders-slow')), ready: (el) => $(el, '[aria-busy="true"] [part="message"]') },
        { state: 'empty', label: S.empty, build: put(() => picker('orders-none')), ready: (el) => $(el, '[part="message"]') && !$(el, '[aria-busy]') && !$(el, '.error') },
        { state: 'error', label: S.error, build: put(() => picker('orders-broken')), ready: (el) => $(el, '.error') && $(el, '.primary') },
        {
          state: 'list',
          label: S.list,
          build: put(() => picker('orders')),
          async drive(el) {
            const list = await until(() => $(el, '[role="listbox"]'), 'the list');
            // Keyboard use: the list takes focus and the user arrows down. The active record is
            // marked only while the list has focus, so this is the one cell that takes it.
            list.focus({ preventScroll: true });
            list.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true, cancelable: true }));
            await el.updateComplete;
          },
          ready: (el) => $(el, '#o1[aria-selected="true"]') && el.shadowRoot.activeElement === $(el, '[role="listbox"]'),
        },
        {
          state: 'selected',
          label: S.selected,
          build: put(() => picker('orders')),
          drive: (el) => press(el, '[role="option"]', 0),
          ready: (el) => $(el, '[part="selected"]') && answers(el) === 2,
        },
      ],
    },
    {
      tag: 'zc-action',
      cells: [
        { state: 'idle', label: S.idle, build: put(() => action('refund')), ready: (el) => $(el, '[part="record"]') && $(el, '.primary')?.textContent.trim() === c.action.label },
        { state: 'confirm', label: S.confirm, build: put(() => action('refund')), drive: (el) => press(el, '.primary'), ready: (el) => $(el, '[part="confirm"]') },
        { state: 'pending', label: S.pending, build: put(() => action('refund-slow')), drive: send, ready: (el) => $(el, '.primary[aria-busy="true"]') },
        { state: 'success', label: S.success, build: put(() => action('refund')), drive: send, ready: (el) => $(el, '.msg.ok') && answers(el) === 2 },
        { state: 'failure', label: S.failure, build: put(() => action('refund-broken')), drive: send, ready: (el) => $(el, '.msg.error') && $(el, '.primary:not([aria-busy])') },
      ],
    },
    {
      tag: 'zc-upload',
      cells: [
        { state: 'idle', label: S.upIdle, build: put(() => upload('attach')), ready: (el) => $(el, '.hint') },
        {
          state: 'preview',
          label: S.preview,
          build: put(() => upload('attach')),
          drive: async (el) => choose(el, await receiptPng()),
          ready: (el) => $(el, 'img[part="preview"]')?.naturalWidth > 0 && $(el, '.primary'),
        },
        {
          state: 'too-big',
          label: S.tooBig,
          build: put(() => upload('attach')),
          drive: (el) => choose(el, new File([new Uint8Array(Math.round(6.3 * MB))], 'statement-scan.png', { type: 'image/png' })),
          ready: (el) => $(el, '[part="error"]') && $(el, '.hint'),
        },
        {
          state: 'wrong-type',
          label: S.wrongType,
          build: put(() => upload('attach')),
          drive: (el) => choose(el, new File(['Order 1042, paid 12 Nov'], 'receipt.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })),
          ready: (el) => $(el, '[part="error"]') && $(el, '.hint'),
        },
        {
          state: 'sending',
          label: S.sending,
          build: put(() => upload('attach-slow')),
          async drive(el) {
            await choose(el, await receiptPng());
            await press(el, '.primary'); // Send
          },
          ready: (el) => $(el, 'progress')?.value === 0.4,
        },
        {
          state: 'uploaded',
          label: S.uploaded,
          build: put(() => upload('attach')),
          async drive(el) {
            await choose(el, await receiptPng());
            await press(el, '.primary');
          },
          ready: (el) => $(el, '.ok') && answers(el) === 2,
        },
        {
          state: 'failed',
          label: S.upFailed,
          build: put(() => upload('attach-broken')),
          async drive(el) {
            await choose(el, await receiptPng());
            await press(el, '.primary');
          },
          ready: (el) => $(el, '[part="error"]') && $(el, 'img[part="preview"]')?.naturalWidth > 0 && $(el, '.primary'),
        },
      ],
    },
    {
      tag: 'zc-handoff',
      cells: [
        { state: 'share', label: S.share, build: put(() => handoff('chat')), drive: (el) => press(el, 'summary'), ready: (el) => $(el, 'details')?.open },
        { state: 'pending', label: S.sendingHandoff, build: put(() => handoff('chat-slow')), drive: (el) => press(el, '.primary'), ready: (el) => $(el, '.primary[aria-busy="true"]') },
        { state: 'sent', label: S.sent, build: put(() => handoff('chat')), drive: (el) => press(el, '.primary'), ready: (el) => $(el, '[part="link"]') && $(el, '[part="confirmation"]')?.textContent.includes('ZC-8841') },
        { state: 'failed', label: S.handoffFailed, build: put(() => handoff('chat-broken')), drive: (el) => press(el, '.primary'), ready: (el) => $(el, '[part="error"]') && $(el, '.primary:not([aria-busy="true"])') },
      ],
    },
    {
      tag: 'zc-feedback',
      cells: [
        { state: 'asking', label: S.asking, build: put(feedback), ready: (el) => answers(el) === 2 },
        { state: 'reasons', label: S.why, build: put(feedback), drive: (el) => press(el, '.choices button', 1), ready: (el) => answers(el) === c.feedback.reasons.length + 1 },
      ],
    },
    {
      tag: 'zc-outlet',
      cells: [
        {
          state: 'filled',
          label: S.filled,
          build(stage) {
            const el = h('zc-outlet', { name: 'gallery-orders-help' });
            el.append(card('gallery-outlet', c.card.exportHeading, c.card.exportBody));
            stage.append(mockPanel(c, el));
            return el;
          },
          ready: (el) => !el.empty && el.offsetHeight > 0,
        },
        {
          state: 'empty',
          label: S.vacant,
          build(stage) {
            const el = h('zc-outlet', { name: 'gallery-orders-help-empty' });
            stage.append(h('p', { class: 'mock-text' }, c.outlet.same), mockPanel(c, el));
            return el;
          },
          ready: (el) => el.empty && el.getBoundingClientRect().height === 0,
        },
      ],
    },
  ];
}

/** The Orders panel of a host page, with an outlet under its heading. */
function mockPanel(c, outlet) {
  return h(
    'div',
    { class: 'mock-panel' },
    h('p', { class: 'mock-panel__head' }, c.outlet.panel),
    outlet,
    ...c.outlet.rows.map(([id, total]) => h('div', { class: 'mock-panel__row' }, h('span', {}, id), h('span', {}, total))),
  );
}

// ---- Toolbar -----------------------------------------------------------------------------

function setTheme(theme) {
  document.documentElement.dataset.theme = theme;
  for (const b of document.querySelectorAll('[data-set-theme]')) b.setAttribute('aria-pressed', String(b.dataset.setTheme === theme));
}

function toolbar() {
  const theme = THEMES.includes(query.get('theme')) ? query.get('theme') : 'light';
  setTheme(theme);
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    // A new language re-renders every state from the start, with every component's locale
    // set as it is created: a reload with the new query does exactly that.
    b.addEventListener('click', () => {
      if (b.dataset.lang === lang) return;
      const q = new URLSearchParams(location.search);
      if (b.dataset.lang === 'en') q.delete('lang');
      else q.set('lang', b.dataset.lang);
      location.assign(`${location.pathname}${q.size ? `?${q}` : ''}`);
    });
  }
  // A theme is only custom properties: switched in place, and kept in the address for sharing.
  for (const b of document.querySelectorAll('[data-set-theme]')) {
    b.addEventListener('click', () => {
      setTheme(b.dataset.setTheme);
      const q = new URLSearchParams(location.search);
      if (b.dataset.setTheme === 'light') q.delete('theme');
      else q.set('theme', b.dataset.setTheme);
      history.replaceState(null, '', `${location.pathname}${q.size ? `?${q}` : ''}`);
    });
  }
}

function translatePage() {
  document.title = PAGE['doc.title'];
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = PAGE[el.dataset.i18n];
  // Our own strings, never user input.
  for (const el of document.querySelectorAll('[data-i18n-html]')) el.innerHTML = PAGE[el.dataset.i18nHtml];
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', PAGE[el.dataset.i18nAria]);
}

// ---- Run ---------------------------------------------------------------------------------

async function main() {
  translatePage();
  toolbar();
  defineComponents();
  // zc-steps keeps its progress for a reload of the tab; every visit starts the tours afresh.
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('zc:steps:gallery-')) sessionStorage.removeItem(key);

  const root = document.getElementById('gallery');
  const runs = [];
  for (const { tag, cells } of gallery(CONTENT)) {
    const grid = h('div', { class: 'cells' });
    root.append(h('section', { class: 'group', 'aria-labelledby': `g-${tag}` }, h('h2', { class: 'group__title', id: `g-${tag}` }, h('code', {}, tag)), h('p', { class: 'group__about' }, CONTENT.about[tag]), grid));
    for (const cell of cells) {
      const stage = h('div', { class: 'stage' });
      const figure = h('figure', { class: 'cell', 'data-component': tag, 'data-state': cell.state }, h('figcaption', {}, h('code', {}, tag), h('span', {}, cell.label)), stage);
      grid.append(figure);
      const el = cell.build(stage);
      runs.push(reach(figure, cell, el, stage));
    }
  }
  const results = await Promise.all(runs);
  const failed = results.filter((ok) => !ok).length;
  const status = document.getElementById('status');
  status.textContent = fill(PAGE[failed ? 'status.failed' : 'status.ready'], { n: results.length, k: failed });
  document.body.dataset.states = String(results.length);
  document.body.dataset.ready = String(!failed);
}

/** Drives one cell to its state; marks its figure `data-ready` true or false (with the problem). */
async function reach(figure, cell, el, stage) {
  try {
    await el.updateComplete;
    await cell.drive?.(el, stage);
    await until(() => cell.ready(el, stage), `the state to show`);
    figure.dataset.ready = 'true';
    return true;
  } catch (error) {
    figure.dataset.ready = 'false';
    figure.dataset.problem = error.message;
    console.error(`[gallery] ${figure.dataset.component} "${figure.dataset.state}" not reached: ${error.message}`);
    return false;
  }
}

main().catch((error) => {
  document.body.dataset.ready = 'false';
  console.error('[gallery] could not build the gallery:', error);
});
