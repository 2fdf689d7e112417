import type { ServerResponse } from 'node:http';

/** The reconnection delay the relay asks clients for, ms (`retry:`). */
const RETRY_MS = 1000;
/** Open connections per side and session; past it the oldest closes (a tab that leaked its connection). */
const MAX_OPEN = 8;
/** Bytes a connection may have waiting to be sent before it is dropped: a client that stopped reading. */
const MAX_PENDING = 1024 * 1024;
/** Bytes of events kept for replay per stream, whatever `replay` says: bounds a session's memory. */
const MAX_KEPT_BYTES = 1024 * 1024;

interface Kept {
  readonly id: number;
  readonly frame: string;
  readonly bytes: number;
}

/**
 * What one side of a session hears: its events numbered from 1, the last `replay` of them (up to
 * 1 MiB) kept for clients that resume with `Last-Event-ID`, and every connection the side has open (two tabs
 * both get everything).
 */
export class EventStream {
  private last = 0;
  private readonly kept: Kept[] = [];
  private keptBytes = 0;
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly replay: number) {}

  /** Sends an event to every open connection and keeps it for replay; returns its id. */
  send(type: string, json: string): number {
    const id = ++this.last;
    // JSON.stringify never writes a raw line break, so `data:` is always one line.
    const frame = `id: ${id}\nevent: ${type}\ndata: ${json}\n\n`;
    const bytes = Buffer.byteLength(frame);
    this.kept.push({ id, frame, bytes });
    this.keptBytes += bytes;
    while (this.kept.length > this.replay || (this.keptBytes > MAX_KEPT_BYTES && this.kept.length > 1)) this.keptBytes -= this.kept.shift()!.bytes;
    for (const res of this.open) write(res, frame);
    return id;
  }

  /**
   * Adds a connection whose headers are written: sends `retry:`, then the kept events after
   * `after` (all of them without it). A resume from before the oldest kept event gets what is kept.
   */
  attach(res: ServerResponse, after: number | undefined): void {
    const missed = this.kept.filter((e) => after === undefined || e.id > after);
    write(res, `retry: ${RETRY_MS}\n\n${missed.map((e) => e.frame).join('')}`);
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    if (this.open.size > MAX_OPEN) {
      const [oldest] = this.open;
      this.open.delete(oldest!);
      oldest!.end();
    }
  }

  /** Writes a comment to every open connection, so proxies and clients see it is alive. */
  keepAlive(): void {
    for (const res of this.open) write(res, ': keep-alive\n\n');
  }

  /** Ends every open connection and forgets the kept events. */
  close(): void {
    for (const res of this.open) res.end();
    this.open.clear();
    this.kept.length = 0;
    this.keptBytes = 0;
  }
}

function write(res: ServerResponse, text: string): void {
  if (res.writableEnded || res.destroyed) return;
  // A client that reads nothing would make the relay hold every event for it; drop it instead:
  // it reconnects with Last-Event-ID and gets what it missed from the replay buffer.
  if (res.writableLength > MAX_PENDING) return void res.destroy();
  res.write(text);
}
