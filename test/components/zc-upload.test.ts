import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { ZcOutcomeDetail } from '../../components/base/zc-element.js';
import { noHost } from '../../components/host.js';
import type { ZcActionInput, ZcHost, ZcRecord } from '../../components/host.js';
import '../../components/upload/zc-upload.js';
import type { ZcUpload } from '../../components/upload/zc-upload.js';
import type { UploadSpec } from '../../src/pack/types.js';
import { captureRequests, startMsw } from '../support/msw.js';
import { settle } from './settle.js';

const MB = 1048576;
const png = (name = 'receipt.png', bytes = 2048): File => new File([new Uint8Array(bytes)], name, { type: 'image/png' });
const hostile = '<img src=x onerror="window.__pwned=1">';

const $ = <T extends Element = HTMLElement>(el: ZcUpload, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const must = <T extends Element = HTMLElement>(el: ZcUpload, selector: string): T => {
  const found = $<T>(el, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const text = (el: ZcUpload, selector: string): string => must(el, selector).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const buttonTexts = (el: ZcUpload): string[] => [...el.shadowRoot!.querySelectorAll('button.btn')].map((b) => b.textContent!.trim());
const byText = (el: ZcUpload, label: string): HTMLButtonElement => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
const focused = (el: ZcUpload): string | undefined => el.shadowRoot!.activeElement?.textContent?.trim();
const status = (el: ZcUpload): string => text(el, '[role="status"]');

/** What a user does with the native picker: the browser sets `files` and fires `change`. */
async function choose(el: ZcUpload, file: File): Promise<void> {
  const input = must<HTMLInputElement>(el, 'input[type="file"]');
  const dt = new DataTransfer();
  dt.items.add(file);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

function drag(el: ZcUpload, type: 'dragover' | 'dragleave' | 'drop', file?: File): DragEvent {
  const dataTransfer = new DataTransfer();
  if (file) dataTransfer.items.add(file);
  const event = new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer });
  must(el, '.zone').dispatchEvent(event);
  return event;
}

interface Mounted {
  el: ZcUpload;
  outcomes: ZcOutcomeDetail[];
  kinds: () => string[];
}

async function mount(upload: UploadSpec, props: { record?: ZcRecord; host?: ZcHost; locale?: 'en' | 'zh-CN'; ui?: Record<string, string> } = {}): Promise<Mounted> {
  const outcomes: ZcOutcomeDetail[] = [];
  const el = await fixture<ZcUpload>(html`
    <zc-upload
      heading="Send us the receipt"
      rule="refund-evidence"
      locale=${props.locale ?? 'en'}
      .upload=${upload}
      .record=${props.record}
      .host=${props.host ?? noHost}
      .ui=${props.ui ?? {}}
      @zc-outcome=${(e: CustomEvent<ZcOutcomeDetail>) => outcomes.push(e.detail)}
    ></zc-upload>
  `);
  await settle(el);
  return { el, outcomes, kinds: () => outcomes.map((o) => o.outcome) };
}

const order: ZcRecord = { id: 'ord-1042', label: 'Order #1042', detail: '12 Nov' };

/** A host whose action `upload` waits until the test settles it. */
function fakeHost(): { host: ZcHost; calls: ZcActionInput[]; names: string[]; settle: (ok: boolean) => void } {
  const calls: ZcActionInput[] = [];
  const names: string[] = [];
  let finish: (ok: boolean) => void = () => undefined;
  const host: ZcHost = {
    ...noHost,
    run: (name, input) => {
      names.push(name);
      calls.push(input);
      return new Promise((resolve, reject) => (finish = (ok) => (ok ? resolve({ ok }) : reject(new Error('storage full')))));
    },
  };
  return { host, calls, names, settle: (ok) => finish(ok) };
}

describe('zc-upload: choosing a file', () => {
  it('offers a labelled file chooser that accepts images and PDFs up to 10 MB by default', async () => {
    const { el, outcomes } = await mount({ endpoint: '/api/evidence' });
    const input = must<HTMLInputElement>(el, 'input[type="file"]');
    expect(input.accept).to.equal('image/*,application/pdf,.pdf');
    expect(text(el, '.hint')).to.equal('Choose or drop an image or a PDF, up to 10 MB.');
    expect(input.getAttribute('aria-describedby')).to.equal('hint');
    const label = must<HTMLLabelElement>(el, 'label[part~="choose"]');
    expect(label.control).to.equal(input);
    expect(label.textContent?.trim()).to.equal('Choose a file');
    expect(buttonTexts(el), 'nothing to send yet').to.deep.equal([]);
    expect($(el, '[part~="feedback"]'), 'no "did this help?" before the upload').to.equal(null);
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['shown']);
    await expect(el).to.be.accessible();
  });

  it('narrows the chooser and the hint to the kinds and size the pack allows', async () => {
    const { el } = await mount({ endpoint: '/api/evidence', accept: ['pdf'], maxBytes: 2 * MB });
    expect(must<HTMLInputElement>(el, 'input').accept).to.equal('application/pdf,.pdf');
    expect(text(el, '.hint')).to.equal('Choose or drop a PDF, up to 2 MB.');
    await choose(el, png());
    expect(text(el, '.error')).to.equal('This file is a .png. Choose a PDF.');
    el.upload = { via: 'attach', accept: ['image'] };
    await el.updateComplete;
    expect(must<HTMLInputElement>(el, 'input').accept).to.equal('image/*');
    await choose(el, new File(['%PDF-1.7'], 'statement.pdf', { type: 'application/pdf' }));
    expect(text(el, '.error')).to.equal('This file is a .pdf. Choose an image.');
    await expect(el).to.be.accessible();
  });

  it('rejects a file of the wrong type, says which type, announces it, and reports engaged', async () => {
    const { el, kinds } = await mount({ endpoint: '/api/evidence' });
    await choose(el, new File(['x'], 'letter.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    expect(text(el, '.error')).to.equal('This file is a .docx. Choose an image or a PDF.');
    expect(status(el)).to.equal('This file is a .docx. Choose an image or a PDF.');
    expect(must(el, 'input').getAttribute('aria-describedby')).to.equal('error');
    expect($(el, '[part~="preview"]')).to.equal(null);
    expect(buttonTexts(el)).to.deep.equal([]);
    expect(kinds()).to.deep.equal(['shown', 'engaged']);
    await expect(el).to.be.accessible();
  });

  it('rejects a file over the limit, naming both sizes', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, png('scan.png', Math.floor(14.2 * MB)));
    expect(text(el, '.error')).to.equal('This file is 14.2 MB; the limit is 10 MB.');
    // Just over the limit reads as over it, never as "10 MB; the limit is 10 MB".
    await choose(el, png('scan.png', 10 * MB + 1));
    expect(text(el, '.error')).to.equal('This file is 10.1 MB; the limit is 10 MB.');
    await choose(el, png('ok.png', 10 * MB));
    expect($(el, '.error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('rejects an empty file', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, new File([], 'receipt.png', { type: 'image/png' }));
    expect(text(el, '.error')).to.equal('This file is empty. Choose another.');
    await expect(el).to.be.accessible();
  });

  it('checks both the type and the name: an untyped PDF passes, a disguised or unnamed one does not', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    const cases: Array<[File, string]> = [
      [new File(['%PDF'], 'statement.PDF', { type: '' }), ''],
      [new File(['%PDF'], 'statement.pdf', { type: 'application/octet-stream' }), ''],
      [new File(['jpg'], 'scan', { type: 'image/jpeg' }), ''],
      [new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }), 'This file is a .svg. Choose an image or a PDF.'],
      [new File(['x'], 'invoice.pdf', { type: 'image/png' }), 'This file is a .pdf. Choose an image or a PDF.'],
      [new File(['x'], 'notes.txt', { type: '' }), 'This file is a .txt. Choose an image or a PDF.'],
      [new File(['x'], 'archive', { type: 'application/zip' }), 'This file is a application/zip. Choose an image or a PDF.'],
      [new File(['x'], 'README', { type: '' }), 'This file is a ?. Choose an image or a PDF.'],
    ];
    for (const [file, error] of cases) {
      await choose(el, file);
      expect($(el, '.error')?.textContent ?? '', file.name).to.equal(error);
      expect(!!$(el, '[part~="preview"]'), file.name).to.equal(!error);
    }
  });

  it('clears the input after each choice, so choosing the same file again still gets an answer', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, new File([], 'receipt.png', { type: 'image/png' }));
    expect(must<HTMLInputElement>(el, 'input').files).to.have.length(0);
  });
});

describe('zc-upload: preview', () => {
  it('shows an image as a thumbnail named after the file, with Send and Choose another', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, png());
    const img = must<HTMLImageElement>(el, 'img[part~="preview"]');
    expect(img.alt).to.equal('receipt.png');
    expect(img.src).to.match(/^blob:/);
    expect((await fetch(img.src)).status).to.equal(200);
    expect(buttonTexts(el)).to.deep.equal(['Send']);
    expect(must(el, '[part~="primary"]').textContent?.trim()).to.equal('Send');
    expect(text(el, 'label[part~="choose"]')).to.equal('Choose another');
    expect($(el, '.hint')).to.equal(null);
    expect(status(el)).to.equal('receipt.png, 2 KB');
    await expect(el).to.be.accessible();
  });

  it('shows a PDF as its name and size', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, new File([new Uint8Array(3 * MB)], 'statement.pdf', { type: 'application/pdf' }));
    expect(text(el, '[part~="preview"]')).to.equal('statement.pdf 3 MB');
    expect($(el, 'img')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('revokes the thumbnail URL when another file is chosen and when it leaves the page', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, png('a.png'));
    const first = must<HTMLImageElement>(el, 'img').src;
    await choose(el, png('b.png'));
    const second = must<HTMLImageElement>(el, 'img').src;
    expect(second).not.to.equal(first);
    await fetch(first).then(
      () => expect.fail('the first URL should be revoked'),
      (e: unknown) => expect(e).to.be.instanceOf(TypeError),
    );
    expect((await fetch(second)).ok).to.equal(true);
    // A rejected file replaces the preview, and its URL goes with it.
    await choose(el, new File(['x'], 'c.docx', { type: '' }));
    await fetch(second).then(() => expect.fail('the second URL should be revoked'), () => undefined);
    await choose(el, png('d.png'));
    const third = must<HTMLImageElement>(el, 'img').src;
    el.remove();
    await fetch(third).then(() => expect.fail('the URL should be revoked on disconnect'), () => undefined);
  });

  it('takes a file dropped on the zone, and marks the zone while a file is over it', async () => {
    const { el, kinds } = await mount({ endpoint: '/api/evidence' });
    const over = drag(el, 'dragover', png());
    expect(over.defaultPrevented, 'dragover accepted, so drop can fire').to.equal(true);
    expect(must(el, '.zone').classList.contains('over')).to.equal(true);
    drag(el, 'dragleave');
    expect(must(el, '.zone').classList.contains('over')).to.equal(false);
    drag(el, 'dragover', png());
    const drop = drag(el, 'drop', png('dropped.png'));
    await el.updateComplete;
    expect(drop.defaultPrevented, 'the browser must not open the file').to.equal(true);
    expect(must(el, '.zone').classList.contains('over')).to.equal(false);
    expect(must<HTMLImageElement>(el, 'img').alt).to.equal('dropped.png');
    expect(kinds()).to.deep.equal(['shown', 'engaged']);
    drag(el, 'drop', new File(['x'], 'virus.exe', { type: 'application/x-msdownload' }));
    await el.updateComplete;
    expect(text(el, '.error')).to.equal('This file is a .exe. Choose an image or a PDF.');
    await expect(el).to.be.accessible();
  });

  it('shows the record the upload is for, and pack text and file names as text', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' }, { record: { id: 'r1', label: `Order ${hostile}` } });
    expect(text(el, '[part~="record"]')).to.equal(`For: Order ${hostile}`);
    await choose(el, new File(['%PDF'], `${hostile}.pdf`, { type: 'application/pdf' }));
    expect(text(el, '[part~="preview"]')).to.equal(`${hostile}.pdf 1 KB`);
    expect(el.shadowRoot!.querySelectorAll('img')).to.have.length(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });
});

describe('zc-upload: sending to an endpoint', () => {
  let release: (status: number) => void = () => undefined;
  let calls = 0;
  let received: FormData | undefined;

  beforeEach(async () => {
    calls = 0;
    received = undefined;
    await startMsw(
      http.post('/api/evidence', async ({ request }) => {
        calls++;
        received = await request.formData();
        const status = await new Promise<number>((resolve) => (release = resolve));
        return new HttpResponse(null, { status });
      }),
    );
  });

  const requested = (): Promise<unknown> => waitUntil(() => received, 'the upload never reached the endpoint');

  it('POSTs the file with the rule and record ids as multipart/form-data, showing progress, then says Uploaded', async () => {
    const { el, outcomes } = await mount({ endpoint: '/api/evidence' }, { record: order });
    await choose(el, png('receipt.png', 5000));
    byText(el, 'Send').click();
    await requested();
    await el.updateComplete;
    const file = received!.get('file');
    expect(file).to.be.instanceOf(File);
    expect([(file as File).name, (file as File).size, (file as File).type]).to.deep.equal(['receipt.png', 5000, 'image/png']);
    expect(received!.get('record')).to.equal('ord-1042');
    expect(received!.get('rule')).to.equal('refund-evidence');
    // Sending: a labelled progress bar, the start announced, nothing to press twice.
    const bar = must<HTMLProgressElement>(el, 'progress');
    expect(must<HTMLLabelElement>(el, 'label[for="progress"]').textContent).to.equal('Sending receipt.png…');
    expect(bar.labels[0]?.textContent).to.equal('Sending receipt.png…');
    expect(status(el)).to.equal('Sending receipt.png…');
    expect(buttonTexts(el)).to.deep.equal([]);
    expect($(el, 'input')).to.equal(null);
    await expect(el).to.be.accessible();

    release(201);
    await waitUntil(() => $(el, '.ok'), 'never said Uploaded');
    expect(text(el, '.ok')).to.equal('Uploaded.');
    expect(status(el)).to.equal('Uploaded.');
    expect($(el, 'progress')).to.equal(null);
    expect(outcomes).to.deep.equal([
      { outcome: 'shown', rule: 'refund-evidence', record: 'ord-1042' },
      { outcome: 'engaged', rule: 'refund-evidence', record: 'ord-1042' },
      { outcome: 'uploaded', rule: 'refund-evidence', record: 'ord-1042' },
    ]);
    expect(text(el, '[part~="feedback"]')).to.contain('Did this help?');
    await expect(el).to.be.accessible();
    byText(el, 'Yes').click();
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'helpful', rule: 'refund-evidence', record: 'ord-1042' });
  });

  it('sends no record field without a record', async () => {
    const { el } = await mount({ endpoint: '/api/evidence' });
    await choose(el, png());
    byText(el, 'Send').click();
    await requested();
    expect(received!.has('record')).to.equal(false);
    release(204);
    await waitUntil(() => $(el, '.ok'));
  });

  it('on a 500 says so, emits nothing, and Try again sends the same file', async () => {
    const { el, kinds } = await mount({ endpoint: '/api/evidence' }, { record: order });
    await choose(el, png('receipt.png', 4000));
    byText(el, 'Send').click();
    await requested();
    release(500);
    await waitUntil(() => $(el, '.error'), 'never said it failed');
    expect(text(el, '.error')).to.equal("The upload didn't go through. Try again.");
    expect(status(el)).to.equal("The upload didn't go through. Try again.");
    expect(buttonTexts(el)).to.deep.equal(['Try again']);
    expect(text(el, 'label[part~="choose"]')).to.equal('Choose another');
    expect(must<HTMLImageElement>(el, 'img').alt, 'the chosen file is kept').to.equal('receipt.png');
    expect(kinds()).to.deep.equal(['shown', 'engaged']);
    expect($(el, '[part~="feedback"]')).to.equal(null);
    await expect(el).to.be.accessible();

    received = undefined;
    byText(el, 'Try again').click();
    await requested();
    expect((received!.get('file') as File).size).to.equal(4000);
    expect(calls).to.equal(2);
    release(200);
    await waitUntil(() => $(el, '.ok'));
    expect($(el, '.error')).to.equal(null);
    expect(kinds()).to.deep.equal(['shown', 'engaged', 'uploaded']);
  });

  it('fails on a network error', async () => {
    await startMsw(http.post('/api/evidence', () => HttpResponse.error()));
    const { el, kinds } = await mount({ endpoint: '/api/evidence' });
    await choose(el, png());
    byText(el, 'Send').click();
    await waitUntil(() => $(el, '.error'));
    expect(buttonTexts(el)).to.deep.equal(['Try again']);
    expect(kinds()).to.deep.equal(['shown', 'engaged']);
  });

  it('never calls an endpoint that is not http(s) or relative', async () => {
    const sent = captureRequests(() => true);
    const { el, kinds } = await mount({ endpoint: 'javascript:alert(1)' });
    await choose(el, png());
    byText(el, 'Send').click();
    await waitUntil(() => $(el, '.error'));
    expect(text(el, '.error')).to.equal("The upload didn't go through. Try again.");
    expect(sent).to.have.length(0);
    expect(kinds()).to.deep.equal(['shown', 'engaged']);
  });

  it('aborts the request when it leaves the page', async () => {
    const xhrs: XMLHttpRequest[] = [];
    const open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: Parameters<typeof open>) {
      xhrs.push(this);
      return open.apply(this, args);
    } as typeof open;
    try {
      const { el, kinds } = await mount({ endpoint: '/api/evidence' });
      await choose(el, png());
      byText(el, 'Send').click();
      await requested();
      expect(xhrs).to.have.length(1);
      const aborted = new Promise((resolve) => xhrs[0]!.addEventListener('abort', resolve));
      el.remove();
      await aborted;
      release(201);
      expect(kinds()).to.deep.equal(['shown', 'engaged']);
    } finally {
      XMLHttpRequest.prototype.open = open;
    }
  });
});

describe('zc-upload: sending through a host action', () => {
  it('runs the action with the file, record, rule and signal, and shows the progress it reports', async () => {
    const fake = fakeHost();
    const { el, outcomes } = await mount({ via: 'attachEvidence' }, { host: fake.host, record: order });
    const file = png();
    await choose(el, file);
    const send = byText(el, 'Send');
    send.click();
    send.click();
    await el.updateComplete;
    expect(fake.names, 'one upload however fast the clicks').to.deep.equal(['attachEvidence']);
    // Nothing can be swapped in while sending.
    expect(drag(el, 'dragover', png('late.png')).defaultPrevented).to.equal(false);
    drag(el, 'drop', png('late.png'));
    await el.updateComplete;
    expect(text(el, 'label[for="progress"]')).to.equal('Sending receipt.png…');
    const input = fake.calls[0]!;
    expect(input.file?.name).to.equal('receipt.png');
    expect(input.record).to.equal(order);
    expect(input.rule).to.equal('refund-evidence');
    expect(input.signal.aborted).to.equal(false);
    const bar = must<HTMLProgressElement>(el, 'progress');
    expect(bar.hasAttribute('value'), 'indeterminate until progress is known').to.equal(false);
    input.progress!(0.4);
    await el.updateComplete;
    expect(bar.value).to.be.closeTo(0.4, 1e-9);
    expect(bar.max).to.equal(1);
    await expect(el).to.be.accessible();
    fake.settle(true);
    await waitUntil(() => $(el, '.ok'));
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'uploaded', rule: 'refund-evidence', record: 'ord-1042' });
  });

  it('fails when the action rejects, and retries it', async () => {
    const fake = fakeHost();
    const { el, kinds } = await mount({ via: 'attachEvidence' }, { host: fake.host });
    await choose(el, png());
    byText(el, 'Send').click();
    fake.settle(false);
    await waitUntil(() => $(el, '.error'));
    expect(text(el, '.error')).to.equal("The upload didn't go through. Try again.");
    byText(el, 'Try again').click();
    await el.updateComplete;
    expect(fake.calls).to.have.length(2);
    expect(fake.calls[1]!.file).to.equal(fake.calls[0]!.file);
    fake.settle(true);
    await waitUntil(() => $(el, '.ok'));
    expect(kinds()).to.deep.equal(['shown', 'engaged', 'uploaded']);
  });

  it('fails when no such action is registered', async () => {
    const { el } = await mount({ via: 'missing' });
    await choose(el, png());
    byText(el, 'Send').click();
    await waitUntil(() => $(el, '.error'));
    expect(buttonTexts(el)).to.deep.equal(['Try again']);
  });

  it('aborts the action when it leaves the page', async () => {
    const fake = fakeHost();
    const { el } = await mount({ via: 'attachEvidence' }, { host: fake.host });
    await choose(el, png());
    byText(el, 'Send').click();
    const { signal } = fake.calls[0]!;
    el.remove();
    expect(signal.aborted).to.equal(true);
  });
});

describe('zc-upload: keyboard and focus', () => {
  it('is reached by Tab and opened with Enter or Space; after a choice focus moves to Send, and on failure to Try again', async () => {
    const fake = fakeHost();
    const before = await fixture<HTMLButtonElement>(html`<button>Before</button>`);
    const { el } = await mount({ via: 'attachEvidence' }, { host: fake.host });
    before.after(el);
    before.focus();
    await sendKeys({ press: 'Tab' }); // ×
    await sendKeys({ press: 'Tab' });
    const input = must<HTMLInputElement>(el, 'input[type="file"]');
    expect(el.shadowRoot!.activeElement).to.equal(input);
    // The browser opens its picker on activation; headless Chromium then cancels it.
    const opened: string[] = [];
    input.addEventListener('click', () => opened.push('click'));
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    expect(opened).to.deep.equal(['click', 'click']);

    await choose(el, png());
    await waitUntil(() => focused(el) === 'Send', 'focus never reached Send');
    await sendKeys({ press: 'Enter' });
    expect(fake.calls).to.have.length(1);
    // Send is gone while sending; focus stays in the surface, on ×.
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'dismiss', 'focus left the surface');
    fake.settle(false);
    await waitUntil(() => focused(el) === 'Try again', 'focus never reached Try again');
    await sendKeys({ press: 'Space' });
    expect(fake.calls).to.have.length(2);
    before.remove();
  });

  it('does not steal focus when it appears, when a file is dropped, or when an upload ends', async () => {
    const fake = fakeHost();
    const field = await fixture<HTMLInputElement>(html`<input aria-label="Order note" />`);
    field.focus();
    const { el } = await mount({ via: 'attachEvidence' }, { host: fake.host });
    expect(document.activeElement).to.equal(field);
    drag(el, 'drop', png());
    await el.updateComplete;
    byText(el, 'Send').click();
    fake.settle(false);
    await waitUntil(() => $(el, '.error'));
    expect(document.activeElement).to.equal(field);
  });
});

describe('zc-upload: language', () => {
  it('speaks zh-CN in every state', async () => {
    const fake = fakeHost();
    const { el } = await mount({ via: 'attachEvidence' }, { host: fake.host, locale: 'zh-CN', record: order });
    expect(text(el, '.hint')).to.equal('选择或拖放图片或 PDF，不超过 10 MB。');
    expect(text(el, 'label[part~="choose"]')).to.equal('选择文件');
    expect(text(el, '[part~="record"]')).to.equal('对应：Order #1042');
    await choose(el, new File(['x'], 'letter.docx', { type: '' }));
    expect(text(el, '.error')).to.equal('此文件是 .docx 格式。请选择图片或 PDF。');
    await choose(el, png('big.png', 11 * MB));
    expect(text(el, '.error')).to.equal('此文件大小为 11 MB，上限为 10 MB。');
    await choose(el, new File([], 'a.png', { type: 'image/png' }));
    expect(text(el, '.error')).to.equal('此文件是空的。请换一个文件。');
    await choose(el, png());
    expect(buttonTexts(el)).to.deep.equal(['发送']);
    expect(text(el, 'label[part~="choose"]')).to.equal('换一个文件');
    byText(el, '发送').click();
    await el.updateComplete;
    expect(text(el, 'label[for="progress"]')).to.equal('正在发送 receipt.png…');
    fake.settle(false);
    await waitUntil(() => $(el, '.error'));
    expect(text(el, '.error')).to.equal('上传未成功，请重试。');
    expect(buttonTexts(el)).to.deep.equal(['重试']);
    await expect(el).to.be.accessible();
    byText(el, '重试').click();
    fake.settle(true);
    await waitUntil(() => $(el, '.ok'));
    expect(text(el, '.ok')).to.equal('已上传。');
    expect(text(el, '[part~="feedback"]')).to.contain('这对您有帮助吗？');
    await expect(el).to.be.accessible();
  });

  it('takes the pack\'s wording for its chrome strings', async () => {
    const { el } = await mount(
      { via: 'attachEvidence', accept: ['image'] },
      { ui: { send: 'Attach photo', choose: 'Pick a photo', kindImage: 'a photo', hint: 'Add {what} (max {max})' } },
    );
    expect(text(el, '.hint')).to.equal('Add a photo (max 10 MB)');
    expect(text(el, 'label[part~="choose"]')).to.equal('Pick a photo');
    await choose(el, png());
    expect(buttonTexts(el)).to.deep.equal(['Attach photo']);
  });
});
