// Error cause option on all error constructors and in util.inspect output
const util = require('util');
const e = new TypeError('outer', { cause: 'reason' });
console.log(e.cause, Object.getOwnPropertyDescriptor(e, 'cause').enumerable);
const nested = new Error('top', { cause: new Error('root') });
console.log(util.inspect(nested).split('\n').filter((l) => !/^\s+at /.test(l) && !/^\s+\.\.\./.test(l)).join('|'));
