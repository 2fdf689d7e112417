import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { clickSensor } from '../../src/sensors/click-sensor.js';
import { resolvePath } from '../../src/core/css-path.js';
import { traitsOf } from '../../src/sensors/fingerprint.js';
import { virtualContext } from './virtual.js';

const at = (el: Element): [number, number] => {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};

describe('target traits, shadow roots and opt-out (real DOM)', () => {
  it('reads what an element looks like from tag, role, type and attributes', async () => {
    const root = await fixture(html`<div>
      <button id="b">Pay</button><a id="blank" href="/x" target="_blank">x</a><a id="dl" href="/f.pdf" download>f</a>
      <input id="file" type="file" /><input id="text" /><input id="num" type="number" /><textarea id="ta"></textarea>
      <button id="next" aria-label="Next page">›</button><span id="styled" style="cursor:pointer">go</span><span id="plain">text</span>
      <div id="ce" contenteditable="true">edit</div><div role="button" id="rb">r</div></div>`);
    const t = (id: string) => traitsOf(root.querySelector(`#${id}`)!, window);
    expect(t('b')).to.deep.equal(['interactive']);
    expect(t('blank')).to.include('new-tab').and.include('interactive');
    expect(t('dl')).to.include('download');
    expect(t('file')).to.include('file-input').and.include('field');
    expect(t('text')).to.include('text-entry').and.include('field');
    expect(t('num')).to.include('stepper');
    expect(t('ta')).to.include('text-entry');
    expect(t('next')).to.include('pagination');
    expect(t('styled')).to.deep.equal(['interactive']);
    expect(t('plain')).to.deep.equal([]);
    expect(t('ce')).to.include('text-entry');
    expect(t('rb')).to.include('interactive');
  });

  it('sees a click inside an open shadow root as the inner element, and skips opted-out subtrees', async () => {
    const root = await fixture(html`<div><div id="host"></div><section data-zc-ignore><button id="private">Secret action</button></section></div>`);
    const shadow = root.querySelector('#host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div class="toolbar"><button class="save">Save</button></div>';
    const v = virtualContext(['.save']);
    const stop = clickSensor(v.ctx);
    await sendMouse({ type: 'click', position: at(shadow.querySelector('.save')!) });
    await sendMouse({ type: 'click', position: at(root.querySelector('#private')!) });
    stop();
    expect(v.events).to.have.length(1);
    const e = v.events[0]!;
    if (e.type !== 'click') throw new Error('expected a click');
    expect(e.target.fp).to.equal('div#host >>> div > button');
    expect(resolvePath(document, e.target.fp)).to.equal(shadow.querySelector('.save'));
    expect(e.target.hits).to.deep.equal(['.save']);
    expect(e.target.traits).to.include('interactive');
    expect(e.detail).to.equal(1);
  });
});
