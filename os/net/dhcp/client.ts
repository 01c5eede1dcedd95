// A sans-IO DHCP client (RFC 2131; options RFC 2132). Read RFC 2131 section 4.4 (the client state
// diagram, figure 5) and section 4.1 (retransmission) first.
//
//   INIT -> SELECTING (DISCOVER, broadcast) -OFFER-> REQUESTING (REQUEST, broadcast) -ACK-> BOUND
//   BOUND -T1-> RENEWING (REQUEST unicast to the server) -T2-> REBINDING (REQUEST broadcast)
//   RENEWING/REBINDING -ACK-> BOUND;  lease expiry or NAK -> INIT (the address is given up)
//
// The client does no I/O and reads no clock: `input(now, message)` takes every DHCP message that
// arrives on UDP port 68, `poll(now, emit)` emits what is due as (message, source, destination) and
// returns the next deadline. The stack wraps messages in UDP/IPv4 (source 0.0.0.0 until bound) and
// applies the lease reported through `onLease` to the interface.
//
// Retransmission (RFC 2131 section 4.1): 4 s, then doubling up to 64 s, each randomised by -1..+1 s.
// In REQUESTING the client gives up after `maxRequestAttempts` and starts over. In RENEWING and
// REBINDING it retransmits after half the time left until T2 (resp. lease expiry), at least 60 s
// (section 4.4.5). T1 and T2 default to 0.5 and 0.875 of the lease.
//
// Not implemented: the INIT-REBOOT state (reusing a remembered address after reboot), probing the
// offered address with ARP before using it (section 4.4.1's SHOULD; a conflict is only counted by
// the interface), DHCPDECLINE, DHCPINFORM, and the random 1-10 s delay before the first DISCOVER
// (skipped to boot fast; a unikernel boots one instance at a time).

import { DhcpRepr, BOOTREQUEST, BOOTREPLY, DHCPDISCOVER, DHCPOFFER, DHCPREQUEST, DHCPACK, DHCPNAK, DHCPRELEASE,
  OPT_SUBNET_MASK, OPT_ROUTER, OPT_DNS, OPT_DOMAIN_NAME, OPT_LEASE_TIME, OPT_RENEWAL_TIME, OPT_REBINDING_TIME, OPT_SERVER_ID, OPT_MTU } from '../wire/dhcp';
import { IPV4_BROADCAST, maskToPrefix } from '../wire/ipv4';
import { macEquals } from '../wire/ethernet';

export type DhcpState = 'init' | 'selecting' | 'requesting' | 'bound' | 'renewing' | 'rebinding' | 'stopped';

export interface DhcpLease {
  address: number;
  prefixLength: number;
  gateway?: number;
  dnsServers: number[];
  domainName?: string;
  mtu?: number;
  serverId: number;
  /** Seconds, as granted; 0xffffffff is infinite. */
  leaseTime: number;
  /** Monotonic times in ms (Infinity for an infinite lease). */
  obtainedAt: number;
  renewAt: number;
  rebindAt: number;
  expiresAt: number;
}

export interface DhcpClientOptions {
  mac: Uint8Array;
  random(n: number): Uint8Array;
  hostname?: string;
  /** Called when a lease is obtained, changes, or is lost (undefined). */
  onLease?(lease: DhcpLease | undefined): void;
  maxRequestAttempts?: number;
}

const INITIAL_RETRANSMIT_MS = 4000;
const MAX_RETRANSMIT_MS = 64000;
const MIN_RENEW_RETRANSMIT_MS = 60000;
const INFINITE_LEASE = 0xffffffff;
const PARAMETERS = [OPT_SUBNET_MASK, OPT_ROUTER, OPT_DNS, OPT_DOMAIN_NAME, OPT_MTU, OPT_LEASE_TIME, OPT_SERVER_ID, OPT_RENEWAL_TIME, OPT_REBINDING_TIME];

export class DhcpClient {
  #opts: DhcpClientOptions;
  #state: DhcpState = 'stopped';
  #xid = 0;
  #exchangeStart = 0;
  #nextSendAt = Infinity;
  #attempts = 0;
  #offer: { address: number; serverId: number } | undefined;
  #lease: DhcpLease | undefined;
  #pendingRelease: DhcpRepr | undefined;
  #maxRequestAttempts: number;
  readonly clientId: Uint8Array;

  constructor(opts: DhcpClientOptions) {
    this.#opts = opts;
    this.#maxRequestAttempts = opts.maxRequestAttempts ?? 4;
    // RFC 2132 section 9.14: hardware type 1 followed by the MAC.
    this.clientId = new Uint8Array(7);
    this.clientId[0] = 1;
    this.clientId.set(opts.mac.subarray(0, 6), 1);
  }

  get state(): DhcpState { return this.#state; }
  get lease(): DhcpLease | undefined { return this.#lease; }

  /** Starts acquiring an address (from INIT). */
  start(now: number): void {
    if (this.#state !== 'stopped') return;
    this.#enterInit(now);
  }

  /** Stops the client; with `release`, tells the server the address is no longer used (DHCPRELEASE,
   * RFC 2131 section 4.4.6), sent at the next poll. */
  stop(release = false): void {
    if (release && this.#lease) {
      this.#pendingRelease = this.#message(DHCPRELEASE, this.#randomXid(), 0, this.#lease.address, false);
      this.#pendingRelease.serverIdentifier = this.#lease.serverId;
      this.#pendingRelease.parameterRequestList = undefined;
      this.#pendingRelease.hostname = undefined;
    }
    this.#state = 'stopped';
    this.#nextSendAt = Infinity;
    if (this.#lease) this.#setLease(undefined);
  }

  #enterInit(now: number, delay = 0): void {
    if (this.#lease) this.#setLease(undefined);
    this.#state = 'selecting';
    this.#offer = undefined;
    this.#xid = this.#randomXid();
    this.#exchangeStart = now;
    this.#attempts = 0;
    this.#nextSendAt = now + delay;
  }

  #setLease(lease: DhcpLease | undefined): void {
    this.#lease = lease;
    this.#opts.onLease?.(lease);
  }

  #randomXid(): number {
    const r = this.#opts.random(4);
    return ((r[0] << 24) | (r[1] << 16) | (r[2] << 8) | r[3]) >>> 0;
  }

  /** RFC 2131 section 4.1: exponential backoff from 4 s to 64 s, randomised by a uniform -1..+1 s. */
  #backoff(attempt: number): number {
    const base = Math.min(INITIAL_RETRANSMIT_MS * 2 ** attempt, MAX_RETRANSMIT_MS);
    const r = this.#opts.random(2);
    return base - 1000 + Math.floor((((r[0] << 8) | r[1]) / 65535) * 2000);
  }

  /** A DHCP message from UDP port 68. Returns a reason when it is ignored (for the counters). */
  input(now: number, msg: DhcpRepr): string | undefined {
    if (msg.op !== BOOTREPLY) return 'dhcp-not-reply';
    if (msg.xid !== this.#xid || !macEquals(msg.clientMac, this.#opts.mac)) return 'dhcp-not-ours';
    switch (this.#state) {
      case 'selecting':
        if (msg.messageType !== DHCPOFFER) return 'dhcp-unexpected';
        if (msg.yourIp === 0 || msg.serverIdentifier === undefined) return 'dhcp-bad-offer';
        // Take the first acceptable offer (RFC 2131 section 4.4.1 lets the client choose).
        this.#offer = { address: msg.yourIp, serverId: msg.serverIdentifier };
        this.#state = 'requesting';
        this.#attempts = 0;
        this.#nextSendAt = now;
        return undefined;
      case 'requesting':
      case 'renewing':
      case 'rebinding': {
        if (msg.messageType === DHCPNAK) {
          if (this.#state === 'requesting' && msg.serverIdentifier !== undefined && msg.serverIdentifier !== this.#offer?.serverId) return 'dhcp-not-ours';
          // RFC 2131 section 3.1 step 5 / 4.4.4: give up the address and restart. A short pause keeps
          // a misconfigured server from spinning us.
          this.#enterInit(now, 1000);
          return undefined;
        }
        if (msg.messageType !== DHCPACK) return 'dhcp-unexpected';
        if (msg.yourIp === 0) return 'dhcp-bad-ack';
        if (this.#state === 'requesting' && msg.serverIdentifier !== undefined && msg.serverIdentifier !== this.#offer!.serverId) return 'dhcp-not-ours';
        const serverId = msg.serverIdentifier ?? this.#offer?.serverId ?? this.#lease?.serverId ?? 0;
        this.#bind(now, msg, serverId);
        return undefined;
      }
      default:
        return 'dhcp-unexpected';
    }
  }

  #bind(now: number, ack: DhcpRepr, serverId: number): void {
    const leaseTime = ack.leaseTime ?? 3600;
    const infinite = leaseTime === INFINITE_LEASE;
    const secs = (s: number) => infinite ? Infinity : now + s * 1000;
    let t1 = ack.renewalTime ?? Math.floor(leaseTime * 0.5);
    let t2 = ack.rebindingTime ?? Math.floor(leaseTime * 0.875);
    if (!(t2 <= leaseTime)) t2 = Math.floor(leaseTime * 0.875);
    if (!(t1 <= t2)) t1 = Math.floor(t2 * 0.5 / 0.875);
    let prefixLength = ack.subnetMask !== undefined ? maskToPrefix(ack.subnetMask) : undefined;
    if (prefixLength === undefined) {
      // No (or a non-contiguous) mask: fall back to the address class (RFC 1122 section 3.3.1.1 "SHOULD").
      const top = ack.yourIp >>> 24;
      prefixLength = top < 128 ? 8 : top < 192 ? 16 : 24;
    }
    const lease: DhcpLease = {
      address: ack.yourIp, prefixLength, gateway: ack.routers?.[0], dnsServers: ack.dnsServers ?? [],
      domainName: ack.domainName, mtu: ack.mtu, serverId, leaseTime, obtainedAt: now,
      renewAt: secs(t1), rebindAt: secs(t2), expiresAt: secs(leaseTime),
    };
    if (lease.gateway === undefined) delete lease.gateway;
    if (lease.domainName === undefined) delete lease.domainName;
    if (lease.mtu === undefined) delete lease.mtu;
    this.#state = 'bound';
    this.#offer = undefined;
    this.#nextSendAt = Infinity;
    this.#setLease(lease);
  }

  #message(type: number, xid: number, secs: number, clientIp: number, broadcast: boolean): DhcpRepr {
    const m: DhcpRepr = {
      op: BOOTREQUEST, messageType: type, xid, secs: Math.min(secs, 0xffff), broadcast, clientMac: this.#opts.mac,
      clientIp, yourIp: 0, serverIp: 0, relayIp: 0, clientIdentifier: this.clientId,
      parameterRequestList: PARAMETERS, maxMessageSize: 1500,
    };
    if (this.#opts.hostname) m.hostname = this.#opts.hostname;
    return m;
  }

  /** Emits what is due as (message, source address, destination address); returns the next deadline. */
  poll(now: number, emit: (msg: DhcpRepr, src: number, dst: number) => void): number | undefined {
    if (this.#pendingRelease && this.#lease === undefined) {
      // stop(true) cleared the lease; the message still carries the address as ciaddr.
      const m = this.#pendingRelease;
      this.#pendingRelease = undefined;
      emit(m, m.clientIp, m.serverIdentifier ?? IPV4_BROADCAST);
    }
    const lease = this.#lease;
    if (lease) {
      // Lease timers take effect whatever is in flight (RFC 2131 section 4.4.5).
      if (now >= lease.expiresAt) { this.#enterInit(now); }
      else if (now >= lease.rebindAt && this.#state !== 'rebinding') { this.#startExchange(now, 'rebinding'); }
      else if (now >= lease.renewAt && this.#state === 'bound') { this.#startExchange(now, 'renewing'); }
    }
    if (now >= this.#nextSendAt) this.#transmit(now, emit);
    const l = this.#lease;
    let next = this.#nextSendAt;
    if (l) {
      if (this.#state === 'bound') next = Math.min(next, l.renewAt);
      if (this.#state !== 'rebinding') next = Math.min(next, l.rebindAt);
      next = Math.min(next, l.expiresAt);
    }
    return next === Infinity ? undefined : next;
  }

  #startExchange(now: number, state: 'renewing' | 'rebinding'): void {
    if (this.#state === 'bound') { this.#xid = this.#randomXid(); this.#exchangeStart = now; }
    this.#state = state;
    this.#attempts = 0;
    this.#nextSendAt = now;
  }

  #transmit(now: number, emit: (msg: DhcpRepr, src: number, dst: number) => void): void {
    const secs = Math.floor((now - this.#exchangeStart) / 1000);
    switch (this.#state) {
      case 'selecting': {
        // RFC 2131 section 4.1: set BROADCAST, since we cannot receive unicast before we have an address.
        emit(this.#message(DHCPDISCOVER, this.#xid, secs, 0, true), 0, IPV4_BROADCAST);
        this.#nextSendAt = now + this.#backoff(this.#attempts++);
        return;
      }
      case 'requesting': {
        if (this.#attempts >= this.#maxRequestAttempts) { this.#enterInit(now); this.#transmit(now, emit); return; }
        const m = this.#message(DHCPREQUEST, this.#xid, secs, 0, true);
        m.requestedIp = this.#offer!.address;          // RFC 2131 section 4.3.2, SELECTING state:
        m.serverIdentifier = this.#offer!.serverId;    // requested IP and server id MUST be present
        emit(m, 0, IPV4_BROADCAST);
        this.#nextSendAt = now + this.#backoff(this.#attempts++);
        return;
      }
      case 'renewing':
      case 'rebinding': {
        const lease = this.#lease!;
        // RENEWING/REBINDING: ciaddr filled, no requested IP, no server id (section 4.3.2).
        const m = this.#message(DHCPREQUEST, this.#xid, secs, lease.address, false);
        const renewing = this.#state === 'renewing';
        emit(m, lease.address, renewing ? lease.serverId : IPV4_BROADCAST);
        const until = renewing ? lease.rebindAt : lease.expiresAt;
        this.#nextSendAt = now + Math.max((until - now) / 2, MIN_RENEW_RETRANSMIT_MS);
        this.#attempts++;
        return;
      }
      default:
        this.#nextSendAt = Infinity;
    }
  }
}
