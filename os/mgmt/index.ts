// The management API, assembled: every route group in one Router, one MgmtServer (admission and
// handlers), and its two transports:
//   - the control channel: the virtio-serial port org.nephos.control, which QEMU exposes as a
//     host-only Unix socket; one HttpConnection per host connection (QEMU's socket chardev serves
//     one client at a time; PORT_OPEN events tell connections apart); read-write, no token;
//   - the network listener (`nephos run --api-port N`): a node:net server of a private instance
//     of the network modules (application code that patches node:net or node:http cannot reach
//     it), every request authenticated by bearer token (auth.ts).
// Neither keeps the VM alive: the listener and its sockets are unreferenced, as are the timers.
//
// A typical wiring (os/boot.ts):
//   const mgmt = createManagement(host, { digests, version });
//   mgmt.attachControlPort(port, () => console.flush());
//   mgmt.listen(privateNet, apiPort);          // when --api-port was given and a NIC exists
import { Router } from './router';
import { ApiStats, MgmtServer } from './server';
import { HttpConnection, type ByteSink, type Scheduler } from './http';
import type { TokenDigests } from './auth';
import type { MgmtHost } from './host';
import { LagMonitor } from './lag';
import { osRoutes, type OsState } from './routes/os';
import { envRoutes } from './routes/env';
import { fileRoutes } from './routes/file';
import { systemRoutes } from './routes/system';
import { networkRoutes } from './routes/network';
import { TraceState, traceRoutes } from './routes/trace';
import { appRoutes } from './routes/app';
import { apiRoutes } from './routes/api';
import { observeRoutes } from './routes/observe';
import { lifecycleRoutes, type LifecycleHost } from './lifecycle';

/** The part of a virtio-console port the control channel uses. */
export interface ControlPortLike {
  write(bytes: Uint8Array): void;
  events: { onData?(bytes: Uint8Array): void; onHostOpen?(open: boolean): void };
}

/** The part of node:net the network listener uses. */
export interface NetSocketLike {
  on(event: string, fn: (...args: any[]) => void): unknown;
  write(bytes: Uint8Array): unknown;
  end(): unknown;
  destroy(): unknown;
  unref?(): unknown;
  setNoDelay?(on: boolean): unknown;
}
export interface NetServerLike {
  listen(port: number, cb?: () => void): unknown;
  close(cb?: (err?: Error) => void): unknown;
  unref?(): unknown;
  on(event: string, fn: (...args: any[]) => void): unknown;
}
export interface NetModuleLike {
  createServer(listener: (socket: NetSocketLike) => void): NetServerLike;
}

export interface ManagementOptions {
  /** Token digests for the network listener (from the run configuration). */
  digests?: TokenDigests;
  /** The life-cycle endpoints' host (os/mgmt/lifecycle.ts). */
  lifecycle: LifecycleHost;
}

export class Management {
  readonly router = new Router();
  readonly stats = new ApiStats();
  readonly server: MgmtServer;
  readonly lag: LagMonitor;
  readonly trace = new TraceState();
  readonly os: OsState = {};
  readonly scheduler: Scheduler;
  #listener: NetServerLike | undefined;
  #sockets = new Set<NetSocketLike>();
  listenError: string | undefined;
  listeningPort: number | undefined;

  constructor(readonly host: MgmtHost, o: ManagementOptions) {
    this.server = new MgmtServer({ router: this.router, digests: o.digests, stats: this.stats });
    this.scheduler = { after: (ms, fn) => host.after(ms, fn) };
    this.lag = new LagMonitor(() => host.now(), (ms, fn) => host.after(ms, fn));
    this.router.add(
      ...lifecycleRoutes(o.lifecycle),
      ...osRoutes(host, this.os),
      ...envRoutes(host),
      ...fileRoutes(host),
      ...systemRoutes(host, this.lag),
      ...networkRoutes(host),
      ...traceRoutes(host, this.trace),
      ...appRoutes(host, this.os),
      ...observeRoutes(host, this.stats, this.lag),
      ...apiRoutes(() => this.server, { version: host.version, stopListener: () => this.stopListener() }),
    );
  }

  /** Starts the lag probe (call once the loop runs). */
  start(): void {
    this.lag.start();
  }

  /** Serves the control channel on `port`; `flush` publishes written bytes (one notify). */
  attachControlPort(port: ControlPortLike, flush: () => void): void {
    let conn: HttpConnection | undefined;
    // One write and one flush per answer (http.ts writes each answer as one buffer). Observed on
    // QEMU 7.2: an answer split over two write+flush pairs, or left to the loop's own flush,
    // never reached the host (docs/api.md, "Known problems"; a virtio-console driver question).
    const sink: ByteSink = {
      write: (bytes) => {
        port.write(bytes);
        flush();
      },
      // The host end cannot be closed from the guest: the connection stops reading until the host
      // disconnects (it does, after an answer with Connection: close).
      close: () => {},
    };
    const fresh = () => {
      conn?.transportClosed();
      conn = new HttpConnection(this.server, 'control', sink, this.scheduler);
    };
    port.events.onData = (bytes) => {
      if (!conn) fresh();
      conn!.push(bytes);
    };
    port.events.onHostOpen = () => fresh();
  }

  /** Serves the API on TCP `port` through `net` (a private node:net instance). */
  listen(net: NetModuleLike, port: number): void {
    const server = net.createServer((socket) => {
      socket.unref?.();
      socket.setNoDelay?.(true);
      this.#sockets.add(socket);
      const conn = new HttpConnection(this.server, 'tcp', {
        write: (bytes) => socket.write(bytes),
        close: () => socket.end(),
      }, this.scheduler);
      socket.on('data', (d: Uint8Array) => conn.push(d));
      socket.on('error', () => conn.transportClosed());
      socket.on('close', () => {
        this.#sockets.delete(socket);
        conn.transportClosed();
      });
      socket.on('end', () => socket.end());
    });
    server.on('error', (err: Error) => {
      this.listenError = String(err?.message ?? err);
    });
    server.listen(port, () => {
      this.listeningPort = port;
    });
    server.unref?.();
    this.#listener = server;
  }

  stopListener(): boolean {
    const l = this.#listener;
    if (!l) return false;
    this.#listener = undefined;
    this.listeningPort = undefined;
    l.close();
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    return true;
  }
}

export function createManagement(host: MgmtHost, o: ManagementOptions): Management {
  return new Management(host, o);
}
