// execFile of a missing binary calls back with an error
const cp = require('child_process');
cp.execFile('/no/such/binary-xyz', ['x'], (err, stdout, stderr) => console.log('callback', err instanceof Error, JSON.stringify(stdout), JSON.stringify(stderr)));
