// util.types predicates and util.isDeepStrictEqual
const { types, isDeepStrictEqual } = require('util');
const checks = {
  isPromise: Promise.resolve(), isRegExp: /x/, isDate: new Date(), isMap: new Map(), isSet: new Set(),
  isAsyncFunction: async () => {}, isGeneratorFunction: function* () {}, isGeneratorObject: (function* () {})(),
  isTypedArray: new Uint8Array(1), isUint8Array: Buffer.alloc(1), isArrayBuffer: new ArrayBuffer(1),
  isAnyArrayBuffer: new SharedArrayBuffer(1), isDataView: new DataView(new ArrayBuffer(1)), isNativeError: new TypeError(),
  isBoxedPrimitive: new String(''), isMapIterator: new Map().keys(), isSetIterator: new Set().values(),
  isWeakMap: new WeakMap(), isWeakSet: new WeakSet(), isArgumentsObject: (function () { return arguments; })(),
  isSymbolObject: Object(Symbol()), isBigInt64Array: new BigInt64Array(1), isArrayBufferView: Buffer.alloc(1),
};
for (const [name, v] of Object.entries(checks)) console.log(name, types[name](v), types[name]({}));
console.log(isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), isDeepStrictEqual([1], ['1']), isDeepStrictEqual(new Set([1]), new Set([1])));
console.log(types.isNativeError(Object.create(Error.prototype)), types.isPromise({ then() {} }));
