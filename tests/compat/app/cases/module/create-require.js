// module.createRequire from a file path and a file URL loads files relative to it
const { createRequire } = require('module');
const path = require('path');
const { pathToFileURL } = require('url');
const req = createRequire(path.join(__dirname, 'anything.js'));
console.log(req('./_helper').name, req('./_helper.js') === require('./_helper'));
const req2 = createRequire(pathToFileURL(__filename));
console.log(req2('./_helper').dirnameBase, typeof req2.resolve, path.basename(req2.resolve('./_helper')));
try { createRequire('relative/path'); } catch (e) { console.log(e.code, e.message.split(' Received')[0]); }
