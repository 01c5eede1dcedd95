// inspect shows a promise's state, a proxy when asked (showProxy), and the entries a Map iterator has left
// @differs: the engine gives JavaScript no way to read a promise's state, tell a proxy from its target or peek into an iterator (V8 internals Node uses): Promise { <pending> }, the target, an empty [Map Iterator]
const util = require('util');
console.log(util.inspect(Promise.resolve(4)), util.inspect(Promise.reject(3).catch(() => {}) && 'handled'));
console.log(util.inspect(new Proxy({ a: 1 }, {}), { showProxy: true }), util.types.isProxy(new Proxy({}, {})));
console.log(util.inspect(new Map([[1, 2]]).entries()), util.inspect(new Set(['x']).values()));
