// Compiles the wrapped bundle to the guest engine's bytecode with `jsc` (kernel/tools/jsc.c), so
// the guest does not parse JavaScript at boot.
//
// jsc compiles a script (not a module: the bundle is one expression) and records BUNDLE_NAME as its
// file name, so a guest stack trace reads "/nephos/app.js:LINE" and the runtime maps it through
// /nephos/app.js.map. On a parse error jsc prints "NAME:LINE: message"; the line is in the bundle,
// so it is mapped back to the app's file before the user sees it. esbuild accepts some syntax the
// 2021 engine does not; that is what such an error usually means.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail } from '../errors';
import { relativeForUser } from './app';
import { type Bundle, BUNDLE_NAME } from './bundle';
import { originalPositionOfLine } from './sourcemap';

/** Turns a guest path from the source map back into something the user recognises. */
export type SourceNamer = (guestSource: string) => string;

export function compileBundle(bundle: Bundle, jsc: string, nameSource: SourceNamer = (s) => s): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'nephos-jsc-'));
  let keep = false;
  try {
    const input = join(dir, 'app.js');
    const output = join(dir, 'app.qbc');
    writeFileSync(input, bundle.code);
    const r = spawnSync(jsc, ['-n', BUNDLE_NAME, '-o', output, input], { encoding: 'utf8' });
    if (r.error) throw fail(`cannot run the bytecode compiler ${jsc} (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, 'rebuild the host tools (delete build/host-tools)');
    if (r.status !== 0) {
      const message = (r.stderr || r.stdout || '').trim().split('\n')[0] ?? '';
      const m = /^(.*?):(\d+): (.*)$/.exec(message);
      const original = m ? originalPositionOfLine(bundle.map, Number(m[2])) : undefined;
      keep = true;
      const where = original
        ? `${nameSource(original.source)}:${original.line}:${original.column}`
        : `${relativeForUser(input)}${m ? `:${m[2]}` : ''} (the bundled app)`;
      throw fail(`${where}: the engine (QuickJS 2021-03-27) cannot parse this: ${m ? m[3] : message || `jsc exited with ${r.status}`}`,
        `rewrite it with syntax the engine supports; the bundle is kept at ${relativeForUser(input)}`);
    }
    return readFileSync(output);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
