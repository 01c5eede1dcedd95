// inspect of typed arrays, ArrayBuffer, DataView, a proxy (as its target), an array iterator, WeakMap, extra properties
const util = require('util');
console.log(util.inspect(new Uint8Array([1, 2])), util.inspect(new Float64Array(2)), util.inspect(new BigUint64Array(1)));
console.log(util.inspect(new ArrayBuffer(3)), util.inspect(new DataView(new ArrayBuffer(2))));
console.log(util.inspect(new Proxy({ a: 1 }, {})), util.inspect([1, 2][Symbol.iterator]()), util.inspect(new WeakMap()));
console.log(util.inspect(Object.assign([1, 2], { extra: true })), util.inspect(Object.assign(() => {}, { prop: 1 })));
