// util.promisify(exec) rejects for a failing command
const cp = require('child_process');
const { promisify } = require('util');
promisify(cp.exec)('exit 3').then(() => console.log('resolved'), (e) => console.log('rejected', e instanceof Error));
