// an uncaught AssertionError ends the process with exit code 1 after output so far
const assert = require('assert');
console.log('before');
assert.strictEqual(1, 2);
console.log('never');
