// Counters of the application's node:http servers, for the management API's /metrics
// (nephos_http_requests_total, nephos_http_responses_total) and so for `nephos stats`'
// requests/s. The management API has its own HTTP server (os/mgmt) and is not counted here.
// One engine thread: plain increments, no locking.

export interface HttpServerStats {
  /** Requests parsed and handed to a server (including those it answered itself: 503, 417). */
  requests: number;
  /** Response heads written, by status class: index 0 for 1xx ... 4 for 5xx. */
  responses: [number, number, number, number, number];
  /** Requests the parser refused (answered 400/413/431... and closed, as Node's clientError). */
  refused: number;
}

export const httpServerStats: HttpServerStats = { requests: 0, responses: [0, 0, 0, 0, 0], refused: 0 };

/** Records a response head with `statusCode` (100-599 counted by class). */
export function countResponse(statusCode: number): void {
  const cls = Math.floor(statusCode / 100) - 1;
  if (cls >= 0 && cls < 5) httpServerStats.responses[cls]++;
}
