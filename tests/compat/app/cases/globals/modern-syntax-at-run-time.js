// syntax newer than the engine in a file loaded at run time: class static blocks and `#x in obj`
// @differs: files the build did not bundle are parsed by the engine as they are (QuickJS 2021-03-27): class static blocks and `#x in obj` are syntax errors there (the build lowers them in bundled code)
const fs = require('fs');
const os = require('os');
const path = require('path');
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compat-syntax-')), 'm.js');
fs.writeFileSync(file, 'class A { static #n = 1; static { A.ready = true; } static has(o) { return #n in o; } }\nmodule.exports = [A.ready, A.has(A)];\n');
try { console.log(require(file)); } catch (e) { console.log(e.name); }
fs.rmSync(path.dirname(file), { recursive: true });
