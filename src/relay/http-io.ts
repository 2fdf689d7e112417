import type { IncomingMessage, ServerResponse } from 'node:http';
import { Refusal } from './refusal.js';

// Reading requests and writing answers: the few things every handler needs from node:http.

/** Answers with a JSON body; never caches (every answer is about one session's state now). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) {
    // An event stream that already started: nothing to say in JSON any more.
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** Answers a refusal with the protocol's error body. */
export function sendRefusal(res: ServerResponse, r: Refusal): void {
  sendJson(res, r.status, { error: r.code, message: r.message }, r.headers);
}

/** The token or key of `Authorization: Bearer <…>`, or undefined without one. */
export function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/**
 * Reads the body as JSON, at most `limit` bytes. Over it, stops reading at once (no buffering
 * of whatever else the client sends) and refuses with 413; the caller's answer closes the
 * connection, so the rest of the body is never read.
 */
export function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const tooLarge = (): Refusal =>
    new Refusal(413, 'too-large', `the body is over the limit of ${limit} bytes; send less (large texts belong in the pack, not in a message)`, { connection: 'close' });
  if (Number(req.headers['content-length']) > limit) {
    req.pause();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      done();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = (): void => {
      done();
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(new Refusal(400, 'bad-request', `the body is not JSON (${(error as Error).message}); send one JSON object with content-type: application/json`));
      }
    };
    const onClose = (): void => {
      done();
      reject(new Refusal(400, 'bad-request', 'the request body was cut off; send it again'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}
