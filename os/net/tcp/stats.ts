// Counters for metrics (as RFC 4022's TCP-MIB and Linux's /proc/net/snmp + netstat): every
// segment in and out, every drop by reason. Plain numbers the management API can read.

export type DropReason =
  | 'truncated' | 'too-long' | 'bad-offset' | 'bad-checksum' | 'bad-option' // wire/tcp.ts TcpDropReason
  | 'no-socket'           // nothing listening or connected (answered with RST unless RST)
  | 'out-of-window'       // RFC 9293 3.10.7.4 sequence check failed
  | 'paws'                // RFC 7323 5.3 old timestamp
  | 'bad-ack'             // ACK outside (SND.UNA - MAX.SND.WND, SND.MAX]
  | 'no-ack'              // synchronized state, ACK bit off
  | 'rst-ignored'         // RST outside the window, or in-window but not exact (challenged)
  | 'syn-in-window'       // SYN on a synchronized connection (challenged)
  | 'reassembly-full'     // out-of-order segment needing one range too many
  | 'backlog-full'        // SYN refused: half-open queue full and cookies off
  | 'bad-cookie'          // ACK to a listener that is not a valid SYN cookie
  | 'listen-junk'         // a listener got something other than SYN/ACK/RST
  | 'reply-queue-full'    // a RST or cookie SYN-ACK could not be queued
  | 'syn-sent-junk'       // SYN_SENT got a segment that is neither SYN nor acceptable RST
  | 'closed-state';       // segment for a connection already CLOSED

export class TcpStats {
  segmentsIn = 0;
  segmentsOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  retransmits = 0;
  fastRetransmits = 0;
  sackRecoveries = 0;
  /** Fast recoveries found spurious (reordering, not loss) and undone (RFC 3522). */
  spuriousRecoveries = 0;
  rtoTimeouts = 0;
  resetsIn = 0;
  resetsOut = 0;
  challengeAcks = 0;
  activeOpens = 0;
  passiveOpens = 0;
  failedAttempts = 0;
  establishedResets = 0;
  timeouts = 0;
  synCookiesSent = 0;
  synCookiesAccepted = 0;
  keepAliveProbes = 0;
  windowProbes = 0;
  delayedAcks = 0;
  /** Connections in ESTABLISHED or CLOSE_WAIT (RFC 4022 tcpCurrEstab). */
  currentEstablished = 0;
  /** Every connection the layer holds (any state but LISTEN). */
  connections = 0;
  timeWait = 0;
  drops: Record<DropReason, number> = {
    'truncated': 0, 'too-long': 0, 'bad-offset': 0, 'bad-checksum': 0, 'bad-option': 0, 'no-socket': 0,
    'out-of-window': 0, 'paws': 0, 'bad-ack': 0, 'no-ack': 0, 'rst-ignored': 0, 'syn-in-window': 0,
    'reassembly-full': 0, 'backlog-full': 0, 'bad-cookie': 0, 'listen-junk': 0,
    'reply-queue-full': 0, 'syn-sent-junk': 0, 'closed-state': 0,
  };

  drop(reason: DropReason): void {
    this.drops[reason]++;
  }
}
