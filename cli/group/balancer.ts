// The group's TCP balancer: one listener on 127.0.0.1:PORT, each accepted connection proxied to
// one member's internal host port (QEMU's hostfwd to the guest).
//
// Choice: among the eligible backends (reported healthy by the health checker, not draining, not
// marked down by a recent failure), the one with the fewest connections open through us; ties go
// round robin, so sequential short connections spread evenly. At most MAX_CONNECTING connects are
// in progress per backend (QEMU's user networking listens with a backlog of 1, so a burst of
// connects would be reset or delayed by SYN retransmission); the others wait their turn.
//
// No request lost to a member that goes away: until the chosen backend has sent its first byte,
// the client's bytes are kept (at most MAX_REPLAY_BYTES). A backend that refuses the connection
// (its QEMU is gone), resets it, or closes it without a byte of answer (slirp accepts for a guest
// that is no longer listening; an app exiting on SIGTERM) has served nothing: the connection is
// retried on another backend, replaying the kept bytes, and the backend is marked down for
// DOWN_MS when it refused or timed out (a reset or an empty answer may be QEMU's listen backlog
// of 1 overflowing: docs/api.md, "Known problems"; that backend stays eligible). Once an answer has started, the two sockets are spliced as they are (half-close
// passed through, backpressure by pause/resume) and a failure ends the client's connection too.
// This is HAProxy's "retry-on conn-failure empty-response"; a request whose backend died after
// answering part of it is lost, as in any TCP proxy.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Backend {
  /** The member's name. */
  id: string;
  host: string;
  port: number;
}

export interface BackendCounters {
  active: number;
  total: number;
  failures: number;
  /** Connects in progress. */
  connecting: number;
}

export const MAX_REPLAY_BYTES = 256 * 1024;
export const DOWN_MS = 1000;
/** How long a new connection waits for an eligible backend (a restart, a scale-up) before it is closed. */
export const WAIT_FOR_BACKEND_MS = 3000;
const WAIT_STEP_MS = 25;
const CONNECT_TIMEOUT_MS = 3000;
export const MAX_CONNECTING = 2;

export interface BalancerOptions {
  now?: () => number;
  log?: (line: string) => void;
  /** Default WAIT_FOR_BACKEND_MS. */
  waitForBackendMs?: number;
}

export class Balancer {
  #backends: Backend[] = [];
  #healthy = new Set<string>();
  #downUntil = new Map<string, number>();
  #counters = new Map<string, BackendCounters>();
  #cursor = 0;
  #server: Server | undefined;
  #clients = new Set<Socket>();
  readonly #now: () => number;
  readonly #log: (line: string) => void;
  readonly #waitMs: number;
  /** Connections refused because no backend was eligible. */
  rejected = 0;

  constructor(opts: BalancerOptions = {}) {
    this.#now = opts.now ?? Date.now;
    this.#log = opts.log ?? (() => {});
    this.#waitMs = opts.waitForBackendMs ?? WAIT_FOR_BACKEND_MS;
  }

  /** The members that can serve (an address each), and which of them are healthy. */
  setBackends(backends: Backend[], healthy: Iterable<string>): void {
    this.#backends = backends.slice();
    this.#healthy = new Set(healthy);
    for (const b of backends) if (!this.#counters.has(b.id)) this.#counters.set(b.id, { active: 0, total: 0, failures: 0, connecting: 0 });
  }

  counters(id: string): BackendCounters {
    return this.#counters.get(id) ?? { active: 0, total: 0, failures: 0, connecting: 0 };
  }

  /** Connections open through the balancer now. */
  get open(): number {
    return this.#clients.size;
  }

  /**
   * The backend for a new connection, not one of `tried`: undefined when none is eligible,
   * 'busy' when the eligible ones all have MAX_CONNECTING connects in progress.
   */
  pick(tried: ReadonlySet<string> = new Set()): Backend | 'busy' | undefined {
    const now = this.#now();
    const usable = this.#backends.filter((b) => this.#healthy.has(b.id) && !tried.has(b.id) && (this.#downUntil.get(b.id) ?? 0) <= now);
    if (!usable.length) return undefined;
    const eligible = usable.filter((b) => this.counters(b.id).connecting < MAX_CONNECTING);
    if (!eligible.length) return 'busy';
    const n = this.#backends.length;
    let best: Backend | undefined;
    let bestScore = Infinity;
    // Round robin from the cursor; the fewest active connections wins, the first such on ties.
    for (let k = 0; k < n; k++) {
      const b = this.#backends[(this.#cursor + k) % n];
      if (!eligible.includes(b)) continue;
      const active = this.counters(b.id).active;
      if (active < bestScore) {
        best = b;
        bestScore = active;
      }
    }
    this.#cursor = (this.#backends.indexOf(best!) + 1) % n;
    return best;
  }

  markDown(id: string): void {
    this.#downUntil.set(id, this.#now() + DOWN_MS);
  }

  listen(port: number, host = '127.0.0.1'): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (client) => this.#accept(client));
      server.once('error', reject);
      server.listen({ port, host, exclusive: true }, () => {
        server.off('error', reject);
        server.on('error', (e) => this.#log(`listener: ${e.message}`));
        this.#server = server;
        resolve();
      });
    });
  }

  /** The port listened on (useful after listen(0)). */
  get port(): number {
    const a = this.#server?.address();
    return typeof a === 'object' && a ? a.port : 0;
  }

  /** Stops accepting; open connections go on. */
  close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Ends every open connection at once. */
  destroyAll(): void {
    for (const c of this.#clients) c.destroy();
  }

  #accept(client: Socket): void {
    this.#clients.add(client);
    client.setNoDelay(true);
    const tried = new Set<string>();
    const kept: Buffer[] = [];
    let keptBytes = 0;
    let clientEnded = false;
    let answered = false;
    let backend: Socket | undefined;
    let current: Backend | undefined;
    let closed = false;
    /** Ends the current backend's "connect in progress" count, once. */
    let release: (() => void) | undefined;

    const finish = () => {
      if (closed) return;
      closed = true;
      this.#clients.delete(client);
      if (current) this.counters(current.id).active--;
      release?.();
      client.destroy();
      backend?.destroy();
    };
    client.on('error', finish);
    client.on('close', finish);
    client.on('data', (d: Buffer) => {
      if (!answered) {
        keptBytes += d.length;
        if (keptBytes <= MAX_REPLAY_BYTES) kept.push(d);
      }
      if (backend && !backend.connecting && !backend.write(d)) client.pause();
    });
    client.on('end', () => {
      clientEnded = true;
      if (backend && !backend.connecting) backend.end();
    });

    const waitUntil = this.#now() + this.#waitMs;
    const attempt = () => {
      if (closed) return;
      let b = this.pick(tried);
      if (!b && tried.size && this.#now() < waitUntil) {
        // Every backend tried once: those marked down may come back; start over with all.
        tried.clear();
        b = this.pick(tried);
      }
      if (b === 'busy') {
        setTimeout(attempt, 1);
        return;
      }
      if (!b) {
        if (this.#now() < waitUntil) {
          setTimeout(attempt, WAIT_STEP_MS);
          return;
        }
        this.rejected++;
        finish();
        return;
      }
      tried.add(b.id);
      current = b;
      const c = this.counters(b.id);
      c.active++;
      c.total++;
      c.connecting++;
      let connecting = true;
      const connected = () => {
        if (connecting) c.connecting--;
        connecting = false;
      };
      release = connected;
      const sock = connect({ host: b.host, port: b.port, allowHalfOpen: true });
      backend = sock;
      sock.setNoDelay(true);
      sock.setTimeout(CONNECT_TIMEOUT_MS);
      // Before the first byte of answer, any end of the backend means "it served nothing".
      const failed = (why: string, down: boolean) => {
        if (backend !== sock || closed) return;
        sock.destroy();
        connected();
        c.active--;
        c.failures++;
        current = undefined;
        backend = undefined;
        if (down) this.markDown(b.id);
        this.#log(`${b.id}: ${why}; retrying the connection elsewhere`);
        if (keptBytes > MAX_REPLAY_BYTES) finish();
        else attempt();
      };
      sock.on('timeout', () => {
        if (sock.connecting) failed('connect timed out', true);
        else sock.setTimeout(0);
      });
      sock.on('connect', () => {
        connected();
        sock.setTimeout(0);
        for (const d of kept) sock.write(d);
        if (clientEnded) sock.end();
        client.resume();
      });
      sock.on('data', (d: Buffer) => {
        if (!answered) {
          answered = true;
          kept.length = 0;
        }
        if (!client.write(d)) sock.pause();
      });
      sock.on('drain', () => client.resume());
      client.on('drain', () => sock.resume());
      sock.on('end', () => {
        if (!answered) return failed('closed the connection without answering', false);
        client.end();
      });
      sock.on('error', (e: NodeJS.ErrnoException) => {
        if (!answered) return failed(e.code ?? e.message, e.code === 'ECONNREFUSED');
        finish();
      });
      sock.on('close', () => {
        if (backend !== sock || closed) return;
        if (!answered) return failed('closed the connection without answering', false);
        // Nothing more can come back: flush what is queued to the client, then close both.
        client.end(() => finish());
      });
    };
    attempt();
  }
}
