// util.inspect of nested objects, arrays, maps, sets, depth, breakLength, sorting and compact
const util = require('util');
const o = { a: 1, b: 'two', c: [1, 2, { d: [3, 4, { e: { f: { g: 1 } } }] }], m: new Map([['k', { v: 1 }]]), s: new Set([1, 'x']) };
console.log(util.inspect(o));
console.log(util.inspect(o, { depth: 0 }), util.inspect(o, { depth: Infinity }));
console.log(util.inspect(o, { compact: false, sorted: true, breakLength: 40 }));
console.log(util.inspect({ long: 'x'.repeat(100), arr: Array.from({ length: 120 }, (_, i) => i) }));
console.log(util.inspect('str'), util.inspect([,'hole',,]), util.inspect(Object.create(null)), util.inspect({ 'key-with-dash': 1, valid_id: 2, 3: 4 }));
