// circular requires see the partial exports of the module being loaded
const fs = require('fs');
const path = require('path');
const os = require('os');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-circ-'));
fs.writeFileSync(path.join(base, 'a.js'), 'exports.early = 1; const b = require("./b"); exports.late = 2; exports.bSaw = b.saw;');
fs.writeFileSync(path.join(base, 'b.js'), 'const a = require("./a"); exports.saw = JSON.stringify(a);');
const a = require(path.join(base, 'a.js'));
console.log(a.early, a.late, a.bSaw);
fs.rmSync(base, { recursive: true });
