// Shared by the fs cases: a fresh temporary directory, removed at exit, and `clean(text)` which
// replaces its (random) path with <tmp> so messages compare equal on both sides.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-'));
function clean(x) {
  return String(x).split(dir).join('<tmp>');
}
function err(e) {
  return `${e.name} ${e.code} ${e.errno} ${e.syscall} ${clean(e.message)}${e.path ? ` path=${clean(e.path)}` : ''}${e.dest ? ` dest=${clean(e.dest)}` : ''}`;
}
function cleanup() {
  fs.rmSync(dir, { recursive: true, force: true });
}
module.exports = { dir, clean, err, cleanup, p: (...parts) => path.join(dir, ...parts) };
