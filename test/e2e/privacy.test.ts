import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { ZcEvent } from '../../src/engine/types.js';
import { SENSORS } from '../../src/runtime.js';
import type { Batch } from '../../src/transport/record.js';
import { captureRequests, startMsw } from '../support/msw.js';
import { virtualContext } from '../sensors/virtual.js';
import { addScriptTag, next, pasteSnippet, zc } from './host.js';
import { resetStore } from '../support/store.js';

const SECRET = 'Zq7sekret';
const DIGITS = '987654321';

/** Every kind of field a user types into, including one inside a shadow root. */
const fields = () => html`<form id="f">
  <input id="text" /><input id="email" type="email" /><input id="password" type="password" /><input id="search" type="search" />
  <input id="url" type="url" /><input id="tel" type="tel" /><input id="number" type="number" /><textarea id="area"></textarea>
  <div id="editable" contenteditable="true"></div><select id="sel"><option>one</option><option>${SECRET}-option</option></select>
  <div id="shadow-host"></div></form>`;

async function typeEverywhere(root: Element): Promise<void> {
  const host = root.querySelector('#shadow-host')!;
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<input id="inner">';
  const targets: Array<[HTMLElement, string]> = [
    ...['text', 'email', 'password', 'search', 'url', 'area', 'editable'].map((id): [HTMLElement, string] => [root.querySelector<HTMLElement>(`#${id}`)!, SECRET]),
    [root.querySelector<HTMLElement>('#tel')!, DIGITS],
    [root.querySelector<HTMLElement>('#number')!, DIGITS],
    [shadow.querySelector<HTMLElement>('#inner')!, SECRET],
  ];
  for (const [el, text] of targets) {
    const r = el.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + 5), Math.round(r.top + r.height / 2)] });
    await sendKeys({ type: text });
    await sendKeys({ press: 'Enter' });
  }
  const sel = root.querySelector<HTMLSelectElement>('#sel')!;
  sel.focus();
  await sendKeys({ press: 'ArrowDown' });
  (root as HTMLFormElement).requestSubmit?.();
}

describe('privacy: nothing typed ever reaches an event or a payload', () => {
  beforeEach(() => resetStore());
  it('every sensor at once, every kind of field', async () => {
    const root = await fixture(html`<div>${fields()}</div>`);
    root.querySelector('form')!.addEventListener('submit', (e) => e.preventDefault());
    const v = virtualContext(['#text', 'form']);
    const stops = SENSORS.map((s) => s(v.ctx));
    await typeEverywhere(root.querySelector('form')!);
    await new Promise((r) => requestAnimationFrame(r));
    stops.forEach((s) => s());
    const kinds = new Set(v.events.map((e: ZcEvent) => e.type));
    expect([...kinds]).to.include.members(['focus', 'input', 'click']);
    const all = JSON.stringify(v.events);
    expect(all).to.not.contain(SECRET).and.not.contain(DIGITS).and.not.contain('sekret');
  });

  it('through the script tag, to the collector', async () => {
    await startMsw(
      http.get('/privacy/pack.json', () =>
        HttpResponse.json({
          id: 'privacy', version: '1', sdk: '^0.1', strings: { en: { t: 'T', b: 'B' } }, signals: { 'rage-click': { within: '5s' } },
          rules: [{ id: 'r', when: { signal: 'rage-click' }, solution: { component: 'zc-card', placement: { anchor: '$target' }, content: { title: 't', body: 'b' } } }],
        }),
      ),
      http.post('/privacy/collect', () => new HttpResponse(null, { status: 204 })),
    );
    const batches = captureRequests<Batch>('/privacy/collect');
    const root = await fixture(html`<div>${fields()}</div>`);
    root.querySelector('form')!.addEventListener('submit', (e) => e.preventDefault());
    await pasteSnippet();
    const ready = next('ready');
    await addScriptTag({ pack: '/privacy/pack.json', endpoint: '/privacy/collect' });
    await ready;
    const signal = next('signal');
    await typeEverywhere(root.querySelector('form')!);
    // Rage-click the password field's label area so at least one signal carries a target.
    const label = document.createElement('button');
    label.textContent = SECRET;
    root.append(label);
    const r = label.getBoundingClientRect();
    for (let i = 0; i < 3; i++) await sendMouse({ type: 'click', position: [Math.round(r.left + 5), Math.round(r.top + 5)] });
    await signal;
    await zc().shutdown();
    expect(batches.length).to.be.greaterThan(0);
    const wire = JSON.stringify(batches);
    expect(wire).to.not.contain(SECRET).and.not.contain(DIGITS).and.not.contain('sekret');
  });
});
