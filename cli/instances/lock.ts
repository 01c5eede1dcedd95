// A lock per instance, shared by every nephos process on the host.
//
// The lock is a Unix socket bound in Linux's abstract namespace (a name starting with NUL): bind()
// succeeds for exactly one socket at a time, and the kernel releases the name when the socket is
// closed or its process dies, however it dies. So there are no stale lock files to break, and no
// window where two processes both believe they broke one. (Scope: one network namespace, which
// is where nephos processes sharing a $NEPHOS_HOME run.)
//
// Locks guard short read-modify-write steps on an instance's state (cli/instances/store.ts); no
// one holds one while waiting for a VM to boot or stop. Within one process, holders of the same
// key queue in order rather than deadlock.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { fail } from '../errors';
import { sleep } from './proc';

const DEFAULT_TIMEOUT_MS = 15_000;
const held = new Map<string, Promise<void>>();

function socketName(key: string): string {
  return `\0nephos-lock/${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

function tryBind(name: string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') resolve(undefined);
      else reject(e);
    });
    server.listen(name, () => {
      server.unref();
      resolve(server);
    });
  });
}

/**
 * Runs `fn` holding the lock named `key` (an instance's directory). `what` names the thing for the
 * error when another process keeps the lock for longer than `timeoutMs`.
 */
export async function withLock<T>(key: string, what: string, fn: () => Promise<T> | T, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  // In-process queue first: the abstract socket would refuse our own second bind as well.
  const before = held.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chained = before.then(() => mine);
  held.set(key, chained);
  await before;
  let server: Server | undefined;
  try {
    const name = socketName(key);
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; !(server = await tryBind(name)); attempt++) {
      if (Date.now() >= deadline) throw fail(`${what} is locked by another nephos command`, 'wait for it to finish, then try again');
      await sleep(Math.min(2 + attempt, 20));
    }
    return await fn();
  } finally {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    release();
    if (held.get(key) === chained) held.delete(key);
  }
}
