import { expect, fixture } from '@open-wc/testing';
import { html, render } from 'lit';
import { formatText, isSafeHref } from '../../components/format.js';

async function rendered(text: string, onLink: (e: Event) => void = () => undefined): Promise<HTMLElement> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  render(formatText(text, onLink), host);
  return host;
}

describe('pack text formatting', () => {
  it('renders paragraphs, line breaks, bold, emphasis and code as elements', async () => {
    const el = await rendered('First **bold** and *soft*.\nSecond line with `IBAN`.\n\nNew paragraph.');
    expect(el.querySelectorAll('p')).to.have.length(2);
    expect(el.querySelector('strong')?.textContent).to.equal('bold');
    expect(el.querySelector('em')?.textContent).to.equal('soft');
    expect(el.querySelector('code')?.textContent).to.equal('IBAN');
    expect(el.querySelector('br')).to.not.equal(null);
    expect(el.querySelectorAll('p')[1]?.textContent).to.equal('New paragraph.');
  });

  it('shows markup literally: pack text never becomes HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"> **<b>x</b>**';
    const el = await rendered(hostile);
    expect(el.querySelector('img, b')).to.equal(null);
    expect(el.textContent).to.equal('<img src=x onerror="window.__pwned=1"> <b>x</b>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('links only to relative or http(s) targets; any other link stays as its text', async () => {
    const clicks: Event[] = [];
    const el = await rendered('[Help](/help/pay) [Docs](https://docs.example/pay) [Bad](javascript:alert(1)) [Data](data:text/html,x)', (e) => clicks.push(e));
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['/help/pay', 'https://docs.example/pay']);
    expect(links[1]?.target).to.equal('_blank');
    expect(links[1]?.rel).to.contain('noopener');
    expect(el.textContent).to.contain('[Bad](javascript:alert(1))');
    links[0]!.addEventListener('click', (e) => e.preventDefault());
    links[0]!.click();
    expect(clicks).to.have.length(1);
    for (const bad of ['javascript:x', 'JAVASCRIPT:x', 'data:x', '//evil.example', 'vbscript:x', ' https://x']) expect(isSafeHref(bad), bad).to.equal(false);
    for (const good of ['/a', './a', '../a', '#top', 'https://a.example/x', 'http://a.example']) expect(isSafeHref(good), good).to.equal(true);
  });
});
