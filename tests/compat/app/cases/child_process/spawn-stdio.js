// spawn of a missing program: stdio streams exist and end
const cp = require('child_process');
const c = cp.spawn('/no/such/program-xyz');
console.log(!!c.stdout, !!c.stderr, !!c.stdin);
c.on('error', () => console.log('error'));
