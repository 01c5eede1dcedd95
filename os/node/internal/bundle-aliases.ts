// Which file implements each pure node:* module, for bundlers (esbuild `alias`, or a resolve
// plugin). Third-party packages inside the OS bundle (readable-stream requires 'buffer', 'events',
// 'string_decoder/', 'process/') must get these same modules, so the OS bundle should resolve both
// `node:X` and bare `X` (and `X/`) through this table. Paths are relative to the repository root.
// The runtime-bound modules (process, timers, fs, os, ...) are the lead's and not listed here.

export const pureNodeModules: Record<string, string> = {
  assert: 'os/node/assert.ts',
  'assert/strict': 'os/node/assert-strict.ts',
  buffer: 'os/node/buffer.ts',
  console: 'os/node/console.ts',
  events: 'os/node/events.ts',
  path: 'os/node/path.ts',
  'path/posix': 'os/node/path.ts',
  'path/win32': 'os/node/path-win32.ts',
  punycode: 'os/node/punycode.ts',
  querystring: 'os/node/querystring.ts',
  stream: 'os/node/stream.ts',
  'stream/promises': 'os/node/stream-promises.ts',
  'stream/consumers': 'os/node/stream-consumers.ts',
  string_decoder: 'os/node/string_decoder.ts',
  url: 'os/node/url.ts',
  util: 'os/node/util.ts',
  'util/types': 'os/node/util-types.ts',
};

/** The names an esbuild `alias`/resolve step should map for the OS bundle: node:X, X and X/. */
export function aliasEntries(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, file] of Object.entries(pureNodeModules)) {
    const path = `${root}/${file}`;
    out[`node:${name}`] = path;
    out[name] = path;
    if (!name.includes('/')) out[`${name}/`] = path;
  }
  return out;
}
