// requiring a directory uses package.json main or index.js
const fs = require('fs');
const path = require('path');
const os = require('os');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-mod-'));
fs.mkdirSync(path.join(base, 'withmain'));
fs.writeFileSync(path.join(base, 'withmain', 'package.json'), JSON.stringify({ main: 'lib/entry' }));
fs.mkdirSync(path.join(base, 'withmain', 'lib'));
fs.writeFileSync(path.join(base, 'withmain', 'lib', 'entry.js'), 'module.exports = "from main";');
fs.mkdirSync(path.join(base, 'withindex'));
fs.writeFileSync(path.join(base, 'withindex', 'index.js'), 'module.exports = "from index";');
fs.mkdirSync(path.join(base, 'node_modules', 'pkg'), { recursive: true });
fs.writeFileSync(path.join(base, 'node_modules', 'pkg', 'index.js'), 'module.exports = { dir: __dirname.endsWith("pkg") };');
fs.writeFileSync(path.join(base, 'main.js'), 'module.exports = require("pkg");');
console.log(require(path.join(base, 'withmain')), require(path.join(base, 'withindex')), require(path.join(base, 'main.js')));
fs.rmSync(base, { recursive: true });
