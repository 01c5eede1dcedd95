// Connection states (RFC 9293 3.3.2, figure 5). LISTEN belongs to TcpListener, not to a
// connection; CLOSED is a connection that is finished and about to be forgotten.

export const CLOSED = 0;
export const SYN_SENT = 1;
export const SYN_RECEIVED = 2;
export const ESTABLISHED = 3;
export const FIN_WAIT_1 = 4;
export const FIN_WAIT_2 = 5;
export const CLOSE_WAIT = 6;
export const CLOSING = 7;
export const LAST_ACK = 8;
export const TIME_WAIT = 9;

export type TcpState = number;

export const STATE_NAMES = [
  'CLOSED', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2',
  'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT',
] as const;

export type TcpStateName = typeof STATE_NAMES[number];

/** States in which the application may still queue data. */
export function canSend(s: TcpState): boolean {
  return s === SYN_SENT || s === SYN_RECEIVED || s === ESTABLISHED || s === CLOSE_WAIT;
}
