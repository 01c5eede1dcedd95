#!/usr/bin/env node
// Runs a script on the host build of the guest's engine (QuickJS 2021-03-27 with std/os modules):
//   node scripts/qjs.mjs [qjs options] file.js
// Handy to check that OS code and polyfills work on the engine without booting a VM. Builds the
// engine on first use (cached in build/).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'scripts', 'engine-tools.cjs');
mkdirSync(dirname(out), { recursive: true });
await build({ entryPoints: [join(root, 'cli/toolchain/engine.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', logLevel: 'error' });
const { createRequire } = await import('node:module');
const tools = await createRequire(import.meta.url)(out).hostTools();
if (process.argv[2] === '--path') { console.log(tools.qjs); process.exit(0); }
if (process.argv[2] === '--source') { console.log(await createRequire(import.meta.url)(out).engineSource()); process.exit(0); }
const r = spawnSync(tools.qjs, process.argv.slice(2), { stdio: 'inherit' });
process.exit(r.status ?? 1);
