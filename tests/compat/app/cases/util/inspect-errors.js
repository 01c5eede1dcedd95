// util.inspect of errors: name, message, own properties, code; stack frames removed to compare
const util = require('util');
const strip = (s) => s.split('\n').filter((l) => !/^\s+at /.test(l)).join('\n');
const e = new TypeError('bad');
e.code = 'E_BAD';
e.extra = { n: 1 };
console.log(strip(util.inspect(e)));
console.log(strip(util.inspect({ err: new RangeError('r') })));
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
console.log(strip(util.inspect(new MyError('mine'))));
const noStack = new Error('no stack'); noStack.stack = undefined;
console.log(util.inspect(noStack));
const agg = new AggregateError([new Error('a')], 'agg');
console.log(strip(util.inspect(agg)).split('\n')[0]);
