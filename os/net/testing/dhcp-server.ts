// A minimal scripted DHCP server (RFC 2131 section 4.3) for tests, running on a NetStack's UDP
// socket 0.0.0.0:67. It hands out addresses from a small pool, answers DISCOVER with OFFER,
// REQUEST with ACK (or NAK for an address it did not offer), renewals unicast to the client, and
// records every message it received. Knobs let tests drop messages, NAK, or change lease times.

import type { NetStack } from '../stack';
import type { UdpSocket } from '../udp';
import { DhcpPacket, DhcpRepr, BOOTREPLY, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPNAK, DHCPRELEASE, DHCP_CLIENT_PORT, DHCP_SERVER_PORT } from '../wire/dhcp';
import { IPV4_BROADCAST, prefixToMask } from '../wire/ipv4';
import { formatMac } from '../wire/ethernet';

export interface DhcpServerOptions {
  /** The server's own address (also its server identifier). */
  serverAddress: number;
  prefixLength: number;
  poolStart: number;
  poolSize: number;
  router?: number;
  dnsServers?: number[];
  leaseTime?: number;
  renewalTime?: number;
  rebindingTime?: number;
}

export class ScriptedDhcpServer {
  readonly socket: UdpSocket;
  readonly received: DhcpRepr[] = [];
  /** Drop this many incoming messages before answering again (for retransmission tests). */
  dropIncoming = 0;
  /** Answer the next REQUEST with NAK. */
  nakNext = false;
  /** Stop answering entirely (for rebinding/expiry tests). */
  silent = false;
  #leases = new Map<string, number>();
  #next = 0;

  constructor(readonly stack: NetStack, readonly opts: DhcpServerOptions) {
    this.socket = stack.udp.bind(0, DHCP_SERVER_PORT);
    this.socket.setBroadcast(true);
    this.socket.onMessage = (data, _rinfo, now) => this.#onMessage(now, data);
  }

  #onMessage(now: number, data: Uint8Array): void {
    const packet = DhcpPacket.checked(data);
    const msg = typeof packet === 'string' ? packet : DhcpRepr.parse(packet);
    if (typeof msg === 'string') return;
    this.received.push(msg);
    if (this.silent) return;
    if (this.dropIncoming > 0) { this.dropIncoming--; return; }
    const key = formatMac(msg.clientMac);
    const o = this.opts;
    switch (msg.messageType) {
      case DHCPDISCOVER: {
        let addr = this.#leases.get(key);
        if (addr === undefined) { addr = (o.poolStart + (this.#next++ % o.poolSize)) >>> 0; this.#leases.set(key, addr); }
        this.#reply(now, msg, DHCPOFFER, addr);
        return;
      }
      case DHCPREQUEST: {
        const selecting = msg.serverIdentifier !== undefined;
        if (selecting && msg.serverIdentifier !== o.serverAddress) { this.#leases.delete(key); return; } // client chose another server
        const wanted = selecting ? msg.requestedIp : msg.clientIp;
        if (this.nakNext || wanted === undefined || this.#leases.get(key) !== wanted) {
          this.nakNext = false;
          this.#reply(now, msg, DHCPNAK, 0);
          return;
        }
        this.#reply(now, msg, DHCPACK, wanted);
        return;
      }
      case DHCPRELEASE:
        this.#leases.delete(key);
        return;
    }
  }

  #reply(now: number, req: DhcpRepr, type: number, yourIp: number): void {
    const o = this.opts;
    const m: DhcpRepr = {
      op: BOOTREPLY, messageType: type, xid: req.xid, secs: 0, broadcast: req.broadcast, clientMac: req.clientMac,
      clientIp: type === DHCPACK ? req.clientIp : 0, yourIp, serverIp: 0, relayIp: 0, serverIdentifier: o.serverAddress,
    };
    if (type !== DHCPNAK) {
      m.subnetMask = prefixToMask(o.prefixLength);
      m.leaseTime = o.leaseTime ?? 3600;
      if (o.renewalTime !== undefined) m.renewalTime = o.renewalTime;
      if (o.rebindingTime !== undefined) m.rebindingTime = o.rebindingTime;
      if (o.router !== undefined) m.routers = [o.router];
      if (o.dnsServers?.length) m.dnsServers = o.dnsServers;
    }
    const bytes = new Uint8Array(DhcpRepr.bufferLen(m));
    DhcpRepr.emit(m, new DhcpPacket(bytes));
    // RFC 2131 section 4.1: to ciaddr when set, else broadcast (the client set BROADCAST; NAKs are
    // always broadcast).
    const dst = type !== DHCPNAK && req.clientIp !== 0 ? req.clientIp : IPV4_BROADCAST;
    this.socket.send(now, bytes, DHCP_CLIENT_PORT, dst);
  }
}
