#!/usr/bin/env node
// The `nephos` executable (package.json "bin"). The host tool is TypeScript (cli/main.ts); this
// plain-JavaScript launcher bundles it with esbuild into build/cli/nephos.cjs when any of its
// inputs changed, then runs it.
//
// Fast path (every `nephos run` of a built image goes through it): read the list of inputs esbuild
// reported last time (its metafile, kept as build/cli/nephos.cjs.inputs.json with each file's size
// and mtime) and stat them; when all match, require the bundle. Only a change (or a missing or
// unreadable record) loads esbuild. npm packages stay external: they are loaded from node_modules
// at run time, and package-lock.json is among the inputs so an install triggers a fresh bundle.
//
// The new bundle is written under a temporary name and renamed, so concurrent `nephos` processes
// never load half a file. Works from any cwd: paths are relative to this file, not to the cwd.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.join(root, 'build', 'cli');
const bundle = path.join(outDir, 'nephos.cjs');
const record = `${bundle}.inputs.json`;
// Inputs that esbuild does not list but that change what the bundle should be.
const EXTRA_INPUTS = ['cli/bin/nephos.js', 'package.json', 'package-lock.json', 'tsconfig.json'];

function signature(rel) {
  try {
    const st = fs.statSync(path.join(root, rel));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function upToDate() {
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(record, 'utf8'));
    if (!fs.existsSync(bundle)) return false;
  } catch {
    return false;
  }
  for (const rel of Object.keys(inputs)) {
    if (signature(rel) !== inputs[rel]) return false;
  }
  return true;
}

function rebundle() {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    process.stderr.write('nephos: esbuild is not installed: run `npm ci` in ' + root + '\n');
    process.exit(125);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const tmp = `${bundle}.tmp-${process.pid}`;
  const started = Date.now();
  let result;
  try {
    result = esbuild.buildSync({
      entryPoints: [path.join(root, 'cli', 'main.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: root,
    });
  } catch (e) {
    const first = e.errors && e.errors[0];
    const where = first && first.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    process.stderr.write(`nephos: cannot bundle the host tool: ${where}${first ? first.text : e.message}\n`);
    process.exit(125);
  }
  const inputs = {};
  for (const rel of [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS]) {
    // A file edited while esbuild was reading it may not be in the bundle as it is now: record it
    // as changed, so the next run bundles again rather than trusting a stale bundle.
    let mtime = 0;
    try { mtime = fs.statSync(path.join(root, rel)).mtimeMs; } catch { /* missing: recorded as such */ }
    inputs[rel] = mtime >= started ? 'changed-during-build' : signature(rel);
  }
  fs.renameSync(`${tmp}.map`, `${bundle}.map`);
  // The map comment names the temporary file; point it at the final one.
  const code = fs.readFileSync(tmp, 'utf8').replace(/\/\/# sourceMappingURL=.*\s*$/, '//# sourceMappingURL=nephos.cjs.map\n');
  fs.writeFileSync(tmp, code);
  fs.renameSync(tmp, bundle);
  const tmpRecord = `${record}.tmp-${process.pid}`;
  fs.writeFileSync(tmpRecord, JSON.stringify(inputs));
  fs.renameSync(tmpRecord, record);
}

if (!upToDate()) rebundle();
if (process.env.NEPHOS_DEBUG === '1' && process.setSourceMapsEnabled) process.setSourceMapsEnabled(true);
require(bundle).cli();
