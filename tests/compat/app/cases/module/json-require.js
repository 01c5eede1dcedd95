// requiring a JSON file parses it; a syntax error in JSON names the file
const fs = require('fs');
const path = require('path');
const pkg = require('../../package.json');
console.log(pkg.name, typeof pkg);
const tmp = path.join(require('os').tmpdir(), `compat-bad-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
fs.writeFileSync(tmp, '{ bad json');
try { require(tmp); } catch (e) { console.log(e.name, e.message.includes(tmp)); }
fs.unlinkSync(tmp);
