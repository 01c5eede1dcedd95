// TCP configuration: what the IP glue passes to `new TcpLayer(config)`, and the defaults.
// Every time is in milliseconds of the monotonic clock the caller passes as `now`.

export interface TcpConfig {
  /** n unpredictable bytes (the OS's entropy source): keys for ISNs, SYN cookies, port choice. */
  random(n: number): Uint8Array;
  /** Interface MTU; the MSS we advertise is mtu - 40 (IPv4 + TCP headers). Default 1500. */
  mtu?: number;
  /** MSS to advertise instead (clamped to mtu - 40 and to at least 88). */
  mss?: number;
  /** Send / receive buffer capacity per connection in bytes (default 256 KiB each). */
  sendBufferSize?: number;
  receiveBufferSize?: number;
  /** RFC 6298: initial, minimum and maximum RTO (defaults 1000, 200, 60000; see rtt.ts). */
  initialRto?: number;
  minRto?: number;
  maxRto?: number;
  /** Retransmissions of one segment before ETIMEDOUT (default 15, Linux's tcp_retries2). */
  maxRetries?: number;
  /** SYN retransmissions before ETIMEDOUT (default 6), SYN-ACK retransmissions before a
   *  half-open connection is dropped (default 5). */
  synRetries?: number;
  synAckRetries?: number;
  /** Delayed ACK timeout (RFC 1122 4.2.3.2: under 500 ms; default 40, Linux's minimum). */
  delayedAckMs?: number;
  /** Maximum segment lifetime; TIME_WAIT lasts 2*MSL (default 30000, so 60 s as Linux). */
  msl?: number;
  /** How long an orphaned FIN_WAIT_2 waits for the peer's FIN (default 60000). */
  finWait2Timeout?: number;
  /** Keep-alive defaults (RFC 1122 4.2.3.6: idle at least 2 h by default). */
  keepAliveIdle?: number;
  keepAliveInterval?: number;
  keepAliveCount?: number;
  /** RFC 7323 window scaling and timestamps, RFC 2018 SACK (all default on). */
  windowScaling?: boolean;
  timestamps?: boolean;
  sack?: boolean;
  /** Answer SYNs with cookies when a listener's half-open queue is full (default on). */
  synCookies?: boolean;
  /** Upper bound on a listener's backlog (default 4096). */
  maxBacklog?: number;
  /** Ephemeral port range, inclusive (default 49152-65535, IANA's). */
  ephemeralPortMin?: number;
  ephemeralPortMax?: number;
  /** RFC 5961 section 7: challenge ACKs per second for the whole layer (default 1000). */
  challengeAckLimit?: number;
  /** Minimum spacing of ACKs answering out-of-window pure ACKs, per connection (default 500). */
  outOfWindowAckInterval?: number;
  /** Maximum TIME_WAIT connections kept; the oldest is dropped beyond it (default 4096). */
  maxTimeWait?: number;
  /** Maximum out-of-order ranges held per connection (default 32). */
  maxReassemblyRanges?: number;
  /** Bytes left free in front of every emitted segment for the IP/link headers (default 0). */
  headroom?: number;
  /** Called when an API call (write, close, setReading...) left work for poll(). */
  wake?(): void;
}

export type ResolvedConfig = Required<Omit<TcpConfig, 'wake' | 'mss' | 'mtu'>> & {
  mss: number;
  wake: () => void;
};

export const MIN_MSS = 88;

export function resolveConfig(c: TcpConfig): ResolvedConfig {
  const mtu = c.mtu ?? 1500;
  const maxMss = Math.max(MIN_MSS, mtu - 40);
  const mss = Math.min(Math.max(c.mss ?? maxMss, MIN_MSS), maxMss);
  const r: ResolvedConfig = {
    random: c.random,
    mss,
    sendBufferSize: c.sendBufferSize ?? 256 * 1024,
    receiveBufferSize: c.receiveBufferSize ?? 256 * 1024,
    initialRto: c.initialRto ?? 1000,
    minRto: c.minRto ?? 200,
    maxRto: c.maxRto ?? 60_000,
    maxRetries: c.maxRetries ?? 15,
    synRetries: c.synRetries ?? 6,
    synAckRetries: c.synAckRetries ?? 5,
    delayedAckMs: c.delayedAckMs ?? 40,
    msl: c.msl ?? 30_000,
    finWait2Timeout: c.finWait2Timeout ?? 60_000,
    keepAliveIdle: c.keepAliveIdle ?? 7_200_000,
    keepAliveInterval: c.keepAliveInterval ?? 75_000,
    keepAliveCount: c.keepAliveCount ?? 9,
    windowScaling: c.windowScaling ?? true,
    timestamps: c.timestamps ?? true,
    sack: c.sack ?? true,
    synCookies: c.synCookies ?? true,
    maxBacklog: c.maxBacklog ?? 4096,
    ephemeralPortMin: c.ephemeralPortMin ?? 49152,
    ephemeralPortMax: c.ephemeralPortMax ?? 65535,
    challengeAckLimit: c.challengeAckLimit ?? 1000,
    outOfWindowAckInterval: c.outOfWindowAckInterval ?? 500,
    maxTimeWait: c.maxTimeWait ?? 4096,
    maxReassemblyRanges: c.maxReassemblyRanges ?? 32,
    headroom: c.headroom ?? 0,
    wake: c.wake ?? (() => {}),
  };
  if (r.sendBufferSize < 1 || r.receiveBufferSize < 1) throw new RangeError('TCP buffer sizes must be positive');
  if (r.receiveBufferSize > 1 << 30) throw new RangeError('TCP receive buffer above 1 GiB (RFC 7323 window limit)');
  if (!(r.ephemeralPortMin >= 1 && r.ephemeralPortMin <= r.ephemeralPortMax && r.ephemeralPortMax <= 65535)) {
    throw new RangeError('TCP ephemeral port range is invalid');
  }
  return r;
}
