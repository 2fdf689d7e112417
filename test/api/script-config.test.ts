import { expect } from '@open-wc/testing';
import { readScriptConfig } from '../../src/script-config.js';

/** A script tag as a customer writes it, with these data- attributes. */
const tag = (data: Record<string, string>): HTMLScriptElement => {
  const s = document.createElement('script');
  s.src = 'https://cdn.example.com/zc/zerocall.js';
  for (const [k, v] of Object.entries(data)) s.setAttribute(`data-${k}`, v);
  return s;
};
const BASE = 'https://shop.example.com/app/';

describe('the script tag\'s data- attributes', () => {
  it('maps every attribute onto the configuration, resolving URLs against the page', () => {
    const { config, components, inspector, agent } = readScriptConfig(
      tag({ pack: 'packs/app.json', endpoint: '/collect', locale: 'zh-CN', consent: 'pending', 'public-key': 'MFkw', 'allow-params': 'tab, step', 'privacy-signals': 'ignore', inspector: 'off', 'agent-channel': '/zc/v1', 'agent-token': 'tok-1' }),
      BASE,
    );
    expect(config).to.deep.equal({
      pack: 'https://shop.example.com/app/packs/app.json',
      endpoint: 'https://shop.example.com/collect',
      locale: 'zh-CN',
      consent: 'pending',
      publicKey: 'MFkw',
      allowParams: ['tab', 'step'],
      privacySignals: 'ignore',
      inspector: false,
      agentChannel: { url: 'https://shop.example.com/zc/v1', token: 'tok-1' },
    });
    expect(agent).to.equal('https://cdn.example.com/zc/zerocall-agent.js');
    expect(components).to.equal('https://cdn.example.com/zc/zerocall-components.js');
    expect(inspector).to.equal('https://cdn.example.com/zc/zerocall-inspector.js');
    // The inspector is allowed unless switched off.
    expect(readScriptConfig(tag({ inspector: 'on' }), BASE).config).to.not.have.property('inspector');
  });

  it('telemetry: OTLP and the worker switched off, alone or together; other values change nothing', () => {
    expect(readScriptConfig(tag({ 'endpoint-format': 'otlp' }), BASE).config.telemetry).to.deep.equal({ format: 'otlp' });
    expect(readScriptConfig(tag({ 'telemetry-worker': 'off' }), BASE).config.telemetry).to.deep.equal({ worker: false });
    expect(readScriptConfig(tag({ 'endpoint-format': 'otlp', 'telemetry-worker': 'off' }), BASE).config.telemetry).to.deep.equal({ format: 'otlp', worker: false });
    expect(readScriptConfig(tag({ 'endpoint-format': 'xml', 'telemetry-worker': 'no' }), BASE).config).to.not.have.property('telemetry');
  });
});
