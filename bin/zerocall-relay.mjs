#!/usr/bin/env node
// The reference agent-push relay (docs/agent-relay.md). The code lives in src/relay and is built to dist/relay.mjs.
import { parseArgs } from 'node:util';
import { acceptTokens, startRelay } from '../dist/relay.mjs';

const USAGE = `usage: zerocall-relay [--port 8788] [--host 127.0.0.1] [--base /zc/v1] [--allow-origin <origin>]…
                      [--user-token <token>]… [--agent-token <token>]… [--any-user]

  Pairs pages with agent consoles and relays agent push (zc-agent/1) between them.
  Tokens come from the environment, comma-separated:
    ZC_RELAY_USER_TOKENS    app tokens pages send when they create a session
    ZC_RELAY_AGENT_TOKENS   tokens agent consoles send when they pair (required)
  --user-token / --agent-token add tokens from the command line (visible in \`ps\`: prefer the environment).
  --allow-origin allows pages and consoles on another origin (repeatable; '*' for any).
  --any-user accepts any non-empty app token: for development only.

  docs/agent-relay.md has the details.`;

const fail = (message, code = 2) => {
  console.error(`zerocall-relay: ${message}\n\n${USAGE}`);
  process.exit(code);
};

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8788' },
      host: { type: 'string', default: '127.0.0.1' },
      base: { type: 'string', default: '/zc/v1' },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      'user-token': { type: 'string', multiple: true, default: [] },
      'agent-token': { type: 'string', multiple: true, default: [] },
      'any-user': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const fromEnv = (name) => (process.env[name] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
const userTokens = [...fromEnv('ZC_RELAY_USER_TOKENS'), ...values['user-token']];
const agentTokens = [...fromEnv('ZC_RELAY_AGENT_TOKENS'), ...values['agent-token']];
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, got ${values.port}`);
if (agentTokens.length === 0) fail('no agent tokens: set ZC_RELAY_AGENT_TOKENS (comma-separated) so agent consoles can pair');
if (userTokens.length === 0 && !values['any-user']) fail('no user tokens: set ZC_RELAY_USER_TOKENS (the app tokens pages send), or pass --any-user in development');
if (values['user-token'].length || values['agent-token'].length) console.error('zerocall-relay: warning: tokens on the command line are visible to every user of this machine in `ps`; prefer ZC_RELAY_USER_TOKENS and ZC_RELAY_AGENT_TOKENS');
if (values['any-user']) console.error('zerocall-relay: warning: --any-user accepts any app token, so anyone can create sessions: for development only');

let started;
try {
  started = await startRelay({
    port,
    host: values.host,
    base: values.base,
    allowOrigins: values['allow-origin'],
    verifyUser: values['any-user'] ? (token) => token.length > 0 : acceptTokens(userTokens),
    verifyAgent: acceptTokens(agentTokens),
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
} catch (error) {
  if (error instanceof TypeError) fail(error.message.replace(/^createRelay: /, ''));
  console.error(`zerocall-relay: could not listen on ${values.host}:${port}: ${error.message}${error.code === 'EADDRINUSE' ? ' (pass --port to use another port)' : ''}`);
  process.exit(1);
}
console.log(`zerocall-relay: listening on ${started.url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`zerocall-relay: ${signal}, stopping`);
    setTimeout(() => process.exit(1), 3000).unref();
    void started.close().then(() => process.exit(0));
  });
}
