import { expect } from '@open-wc/testing';
import { createHostBridge, MAX_RECORDS, type HostRegistry } from '../../src/mount/host-bridge.js';
import { createHandoffLog } from '../../src/mount/handoff-log.js';
import type { Signal } from '../../src/engine/types.js';

const packet = () => ({ id: 'p', pack: 'test@1', rule: 'r', page: '/', pages: [], signals: [], locale: 'en', t: 0 });
const registry = (r: Partial<HostRegistry> = {}): HostRegistry => ({ providers: new Map(), actions: new Map(), ...r });
const rejection = async (p: Promise<unknown>): Promise<string> => p.then(() => 'resolved', (e: unknown) => (e instanceof Error ? e.message : String(e)));

describe('host bridge', () => {
  it('runs only what the host registered, and names what is missing', async () => {
    const ran: string[] = [];
    const host = createHostBridge(registry({ actions: new Map([['refund', () => void ran.push('refund')]]) }), packet, 'r');
    const signal = new AbortController().signal;
    expect(await rejection(host.run('deleteAccount', { rule: 'r', signal }))).to.equal('no host action "deleteAccount" is registered');
    expect(await rejection(host.data('orders'))).to.equal('no data provider "orders" is registered');
    await host.run('refund', { rule: 'r', signal });
    expect(ran).to.deep.equal(['refund']);
  });

  it('turns a host function that throws, synchronously or not, into a rejection, never an exception', async () => {
    const host = createHostBridge(
      registry({
        actions: new Map([['boom', () => { throw new Error('host bug'); }]]),
        providers: new Map([['orders', () => Promise.reject(new Error('offline'))]]),
      }),
      packet,
      'r',
    );
    expect(await rejection(host.run('boom', { rule: 'r', signal: new AbortController().signal }))).to.equal('host bug');
    expect(await rejection(host.data('orders'))).to.equal('offline');
  });

  it('hands the provider the rule, keeps well-formed records (numeric ids as strings, plain data values), and caps the list', async () => {
    const asked: unknown[] = [];
    const many = Array.from({ length: MAX_RECORDS + 50 }, (_, i) => ({ id: i, label: `Order ${i}` }));
    const host = createHostBridge(
      registry({
        providers: new Map<string, (i: { rule: string }) => unknown>([
          [
            'orders',
            (input) => (
              asked.push(input),
              [{ id: 7, label: 'Order #7', detail: '$4', secret: 'x', data: { status: 'refunded', amount: 4, auto: false, nested: { no: 1 }, nan: NaN } }, { id: '', label: 'nameless' }, { label: 'no id' }, null]
            ),
          ],
          ['many', () => many],
          ['notAList', () => ({ id: 1 })],
        ]),
      }),
      packet,
      'pay-help',
    );
    // A flow branches on `data`: plain values only.
    expect(await host.data('orders')).to.deep.equal([{ id: '7', label: 'Order #7', detail: '$4', data: { status: 'refunded', amount: 4, auto: false } }]);
    expect(asked).to.deep.equal([{ rule: 'pay-help' }]);
    expect(await host.data('many')).to.have.length(MAX_RECORDS);
    expect(await rejection(host.data('notAList'))).to.equal('data provider "notAList" must return an array of records ({ id, label, detail?, data? })');
  });
});

describe('hand-off log', () => {
  const signal = (t: number, name = 'rage-click'): Signal => ({ type: 'signal', signal: name, t, page: '/pay', target: { fp: 'button#pay', tag: 'button', hits: [] }, evidence: { count: 3, first: t - 500, last: t } });

  it('keeps the last 20 signals and 10 pages, and a record by id and label only', () => {
    const log = createHandoffLog('acme@1', 'zh-CN');
    for (let i = 0; i < 25; i++) log.signal(signal(i * 1000));
    for (const p of ['/a', '/a', '/b', ...Array.from({ length: 12 }, (_, i) => `/p${i}`)]) log.page(p);
    const p = log.packet('pay-help', { id: 'A1', label: 'Order A1', detail: 'card ending 4242' } as never, '/pay', 99);
    expect(p.signals).to.have.length(20);
    expect(p.signals[0]).to.deep.equal({ signal: 'rage-click', t: 5000, page: '/pay', target: 'button#pay', evidence: { count: 3, first: 4500, last: 5000 } });
    expect(p.pages).to.deep.equal(['/p2', '/p3', '/p4', '/p5', '/p6', '/p7', '/p8', '/p9', '/p10', '/p11']);
    expect(p.record).to.deep.equal({ id: 'A1', label: 'Order A1' });
    expect(p).to.deep.include({ pack: 'acme@1', rule: 'pay-help', page: '/pay', locale: 'zh-CN', t: 99 });
    expect(p.id).to.match(/^[\w-]{8,}$/);
  });
});
