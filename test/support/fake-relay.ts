// A relay for browser tests, on msw: the page's side of the zc-agent/1 protocol against
// handlers the test drives. `send` writes an event to the open stream, `drop` cuts it (the page
// must reconnect), and everything the page sent is kept for assertions.
import { http, HttpResponse } from 'msw';

export interface FakeRelay {
  readonly handlers: ReturnType<typeof http.get>[];
  /** Session creations: the Authorization header and the body. */
  readonly creates: Array<{ auth: string | null; body: unknown }>;
  /** Each stream connection: its Authorization and Last-Event-ID headers. */
  readonly connections: Array<{ auth: string | null; lastEventId: string | null }>;
  /** Messages the page posted, parsed. */
  readonly posts: Array<Record<string, unknown>>;
  readonly deletes: string[];
  /** Writes an event to the open stream; returns its id. */
  send(type: string, data: unknown): string;
  /** Writes raw text to the open stream. */
  raw(text: string): void;
  /** Ends the open stream as a dropped connection would. */
  drop(): void;
  /** Whether a stream is open. */
  open(): boolean;
  /** What the next stream request gets instead of a stream (e.g. 410). */
  refuse(status: number, error: string, message: string): void;
}

export function fakeRelay(base: string, session = { session: 's1', key: 'user-key', code: '482913', codeExpires: Date.now() + 600_000, expires: Date.now() + 1_800_000 }): FakeRelay {
  const enc = new TextEncoder();
  let live: ReadableStreamDefaultController<Uint8Array> | undefined;
  let nextId = 0;
  let refusal: { status: number; error: string; message: string } | undefined;
  const relay: FakeRelay = {
    creates: [],
    connections: [],
    posts: [],
    deletes: [],
    handlers: [
      http.post(`${base}/sessions`, async ({ request }) => {
        relay.creates.push({ auth: request.headers.get('authorization'), body: await request.json() });
        return HttpResponse.json(session, { status: 201 });
      }),
      http.get(`${base}/sessions/:id/events`, ({ request }) => {
        relay.connections.push({ auth: request.headers.get('authorization'), lastEventId: request.headers.get('last-event-id') });
        if (refusal) return HttpResponse.json({ error: refusal.error, message: refusal.message }, { status: refusal.status });
        let mine: ReadableStreamDefaultController<Uint8Array> | undefined;
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            live = mine = controller;
            controller.enqueue(enc.encode('retry: 1000\n\n'));
          },
          cancel() {
            // An earlier stream the page let go of may be cancelled after the next one opened.
            if (live === mine) live = undefined;
          },
        });
        return new HttpResponse(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
      }),
      http.post(`${base}/sessions/:id/messages`, async ({ request }) => {
        relay.posts.push((await request.json()) as Record<string, unknown>);
        return HttpResponse.json({ id: relay.posts.length }, { status: 202 });
      }),
      http.delete(`${base}/sessions/:id`, ({ params }) => {
        relay.deletes.push(String(params.id));
        return new HttpResponse(null, { status: 204 });
      }),
    ],
    send(type, data) {
      const id = String(++nextId);
      relay.raw(`id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
      return id;
    },
    raw(text) {
      if (!live) throw new Error('fake relay: no stream is open');
      live.enqueue(enc.encode(text));
    },
    drop() {
      live?.close();
      live = undefined;
    },
    open: () => live !== undefined,
    refuse(status, error, message) {
      refusal = { status, error, message };
    },
  };
  return relay;
}
