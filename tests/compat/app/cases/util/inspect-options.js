// inspect options: colors, showHidden, maxArrayLength, maxStringLength, numericSeparator, breakLength Infinity
const util = require('util');
console.log(util.inspect({ a: 1, s: 'x', n: null, u: undefined, b: true, sym: Symbol('q') }, { colors: true }));
console.log(util.inspect([1, 2, 3, 4, 5], { maxArrayLength: 2 }), util.inspect('abcdefgh', { maxStringLength: 3 }));
console.log(util.inspect(123456789.123, { numericSeparator: true }), util.inspect(-1234567n, { numericSeparator: true }));
console.log(util.inspect([1, 2], { showHidden: true }));
console.log(util.inspect({ a: { b: { c: {} } } }, { breakLength: Infinity, depth: 1 }));
console.log(util.inspect(new Map([[1, 2], [3, 4]]), { maxArrayLength: 1 }), util.inspect(new Set([1, 2, 3]), { maxArrayLength: 0 }));
console.log(util.inspect.defaultOptions.depth, util.inspect.defaultOptions.breakLength, Object.keys(util.inspect.colors).length > 10);
