// require() of an .mjs file at run time
// @differs: ES modules are bundled at build time and cannot be loaded at run time: require() of an .mjs file throws ERR_REQUIRE_ESM (Node 20.19+ loads it)
const fs = require('fs');
const path = require('path');
const os = require('os');
const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'compat-esm-')), 'm.mjs');
fs.writeFileSync(f, 'export default 1;');
try { require(f); } catch (e) { console.log(e.code); }
fs.rmSync(path.dirname(f), { recursive: true });
