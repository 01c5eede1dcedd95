// spawn of a missing program emits 'error' then 'close' instead of throwing
const cp = require('child_process');
const c = cp.spawn('/no/such/program-xyz', ['a']);
c.on('error', (e) => console.log('error event', e instanceof Error));
c.on('close', (code) => console.log('close', typeof code));
console.log('spawn returned', typeof c.pid, typeof c.kill);
