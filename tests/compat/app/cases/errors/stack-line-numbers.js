// stack frames name this file with line and column numbers
const path = require('path');
function here() { return new Error('where'); }
const frame = here().stack.split('\n')[1];
const m = /\((.*):(\d+):(\d+)\)$/.exec(frame) || /at (.*):(\d+):(\d+)$/.exec(frame);
console.log(!!m, m && path.basename(m[1]), m && m[2], m && m[3]);
