// Host-side clients of an instance's two sockets:
// - the control channel (control.sock): HTTP/1.1 served by the guest (os/mgmt/control.ts and
//   lifecycle.ts). One request per connection (`Connection: close`): QEMU's socket chardev serves
//   one client at a time, so a connection must not be kept open.
// - QEMU's monitor (qmp.sock, QMP: docs/interop/qmp-spec in QEMU): greeting, `qmp_capabilities`,
//   then commands; used for `quit`, the power-off button of `stop` and `rm -f`.
// Both give up after a timeout and report failure as a value; callers fall back (power-off, kill).
import { connect } from 'node:net';

export interface ControlReply {
  status: number;
  body: unknown;
}

/** One HTTP request on the control socket. Rejects on connection errors and on timeout. */
export function controlRequest(socketPath: string, method: string, path: string, timeoutMs = 2000): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath);
    let data = Buffer.alloc(0);
    let settled = false;
    const done = (err: Error | undefined, reply?: ControlReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.destroy();
      if (err) reject(err);
      else resolve(reply!);
    };
    const timer = setTimeout(() => done(new Error('the control channel did not answer in time')), timeoutMs);
    s.on('connect', () => s.write(`${method} ${path} HTTP/1.1\r\nHost: nephos\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`));
    s.on('data', (d: Buffer) => {
      data = Buffer.concat([data, d]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = data.subarray(0, end).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
      if (!m) return done(new Error('the control channel sent a malformed response'));
      const len = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (data.length < end + 4 + len) return;
      const text = data.subarray(end + 4, end + 4 + len).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Plain text body: kept as is.
      }
      done(undefined, { status: Number(m[1]), body });
    });
    s.on('error', (e) => done(e));
    s.on('close', () => done(new Error('the control channel closed the connection')));
  });
}

/** Asks QEMU to quit at once (the VM is powered off). True when QEMU acknowledged or hung up. */
export function qmpQuit(socketPath: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(socketPath);
    let buf = '';
    let stage: 'greeting' | 'capabilities' | 'quit' = 'greeting';
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line);
        } catch {
          continue;
        }
        if (stage === 'greeting' && 'QMP' in msg) {
          stage = 'capabilities';
          s.write('{"execute":"qmp_capabilities"}\n');
        } else if (stage === 'capabilities' && 'return' in msg) {
          stage = 'quit';
          s.write('{"execute":"quit"}\n');
        } else if (stage === 'quit' && 'return' in msg) {
          done(true);
        } else if ('error' in msg) {
          done(false);
        }
      }
    });
    // QEMU may close the socket as it quits, before or after answering.
    s.on('close', () => done(stage === 'quit'));
    s.on('error', () => done(false));
  });
}
