// util.types: brand checks for built-in objects, as Node's (lib/internal/util/types.js and the
// native ones in src/node_types.cc) but in plain JavaScript. Where the language offers a getter or
// method that throws on the wrong receiver (Map size, Date getTime, ArrayBuffer byteLength, the
// TypedArray @@toStringTag getter) we use it, so `Object.setPrototypeOf({}, Map.prototype)` is not a
// Map; the rest (promises, generators, arguments, async functions, errors) relies on the built-in
// tag from Object.prototype.toString and can be fooled by a forged Symbol.toStringTag.
// isProxy and isExternal cannot be answered from JavaScript and return false.

const objectToString = Object.prototype.toString;
const tagOf = (v: unknown) => objectToString.call(v);
const isObjectLike = (v: unknown): v is object => v !== null && (typeof v === 'object' || typeof v === 'function');

function uncurryGetter(proto: object, key: PropertyKey): ((self: unknown) => unknown) | null {
  const desc = Object.getOwnPropertyDescriptor(proto, key);
  const get = desc?.get;
  return get ? (self: unknown) => get.call(self) : null;
}

function throwsOn(fn: ((self: unknown) => unknown) | null, v: unknown): boolean {
  if (!fn || !isObjectLike(v)) return false;
  try { fn(v); return true; } catch { return false; }
}

const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayTag = uncurryGetter(TypedArrayProto, Symbol.toStringTag)!;
const mapSize = uncurryGetter(Map.prototype, 'size');
const setSize = uncurryGetter(Set.prototype, 'size');
const abByteLength = uncurryGetter(ArrayBuffer.prototype, 'byteLength');
const sabByteLength = typeof SharedArrayBuffer === 'function' ? uncurryGetter(SharedArrayBuffer.prototype, 'byteLength') : null;
const dvByteLength = uncurryGetter(DataView.prototype, 'byteLength');
const regexpSource = uncurryGetter(RegExp.prototype, 'source');
const dateGetTime = (v: unknown) => Date.prototype.getTime.call(v as Date);
const weakMapHas = (v: unknown) => WeakMap.prototype.has.call(v as WeakMap<object, unknown>, {});
const weakSetHas = (v: unknown) => WeakSet.prototype.has.call(v as WeakSet<object>, {});

export function typedArrayName(v: unknown): string | undefined {
  return typedArrayTag(v) as string | undefined;
}

export const isTypedArray = (v: unknown): v is ArrayBufferView => typedArrayTag(v) !== undefined;
const typedCheck = (name: string) => (v: unknown): boolean => typedArrayTag(v) === name;
export const isUint8Array = typedCheck('Uint8Array') as (v: unknown) => v is Uint8Array;
export const isUint8ClampedArray = typedCheck('Uint8ClampedArray');
export const isUint16Array = typedCheck('Uint16Array');
export const isUint32Array = typedCheck('Uint32Array');
export const isInt8Array = typedCheck('Int8Array');
export const isInt16Array = typedCheck('Int16Array');
export const isInt32Array = typedCheck('Int32Array');
export const isFloat32Array = typedCheck('Float32Array');
export const isFloat64Array = typedCheck('Float64Array');
export const isBigInt64Array = typedCheck('BigInt64Array');
export const isBigUint64Array = typedCheck('BigUint64Array');

export const isMap = (v: unknown): v is Map<unknown, unknown> => throwsOn(mapSize, v);
export const isSet = (v: unknown): v is Set<unknown> => throwsOn(setSize, v);
export const isWeakMap = (v: unknown): boolean => throwsOn(weakMapHas, v);
export const isWeakSet = (v: unknown): boolean => throwsOn(weakSetHas, v);
export const isArrayBuffer = (v: unknown): v is ArrayBuffer => throwsOn(abByteLength, v);
export const isSharedArrayBuffer = (v: unknown): boolean => throwsOn(sabByteLength, v);
export const isAnyArrayBuffer = (v: unknown): v is ArrayBuffer => isArrayBuffer(v) || isSharedArrayBuffer(v);
export const isDataView = (v: unknown): v is DataView => throwsOn(dvByteLength, v);
export const isArrayBufferView = (v: unknown): v is ArrayBufferView => ArrayBuffer.isView(v);
export const isDate = (v: unknown): v is Date => throwsOn(dateGetTime, v);
export const isRegExp = (v: unknown): v is RegExp => v !== RegExp.prototype && throwsOn(regexpSource, v);

function boxed(valueOf: (this: unknown) => unknown) {
  return (v: unknown): boolean => {
    if (!isObjectLike(v) || typeof v === 'function') return false;
    try { valueOf.call(v); return true; } catch { return false; }
  };
}
export const isNumberObject = boxed(Number.prototype.valueOf);
export const isStringObject = boxed(String.prototype.valueOf);
export const isBooleanObject = boxed(Boolean.prototype.valueOf);
export const isBigIntObject = boxed(BigInt.prototype.valueOf);
export const isSymbolObject = boxed(Symbol.prototype.valueOf);
export const isBoxedPrimitive = (v: unknown): boolean =>
  isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);

export const isPromise = (v: unknown): v is Promise<unknown> => isObjectLike(v) && tagOf(v) === '[object Promise]';
export const isNativeError = (v: unknown): v is Error => isObjectLike(v) && tagOf(v) === '[object Error]';
export const isArgumentsObject = (v: unknown): boolean => isObjectLike(v) && tagOf(v) === '[object Arguments]';
export const isGeneratorObject = (v: unknown): boolean => isObjectLike(v) && (tagOf(v) === '[object Generator]' || tagOf(v) === '[object AsyncGenerator]');
export const isMapIterator = (v: unknown): boolean => isObjectLike(v) && tagOf(v) === '[object Map Iterator]';
export const isSetIterator = (v: unknown): boolean => isObjectLike(v) && tagOf(v) === '[object Set Iterator]';
export const isModuleNamespaceObject = (v: unknown): boolean => isObjectLike(v) && Object.getPrototypeOf(v) === null && tagOf(v) === '[object Module]';
export const isAsyncFunction = (v: unknown): boolean => typeof v === 'function' && (tagOf(v) === '[object AsyncFunction]' || tagOf(v) === '[object AsyncGeneratorFunction]');
export const isGeneratorFunction = (v: unknown): boolean => typeof v === 'function' && (tagOf(v) === '[object GeneratorFunction]' || tagOf(v) === '[object AsyncGeneratorFunction]');
export const isProxy = (_v: unknown): boolean => false;
export const isExternal = (_v: unknown): boolean => false;
export const isKeyObject = (_v: unknown): boolean => false;
export const isCryptoKey = (_v: unknown): boolean => false;
export const isWeakRef = (v: unknown): boolean => isObjectLike(v) && tagOf(v) === '[object WeakRef]';

export const types = {
  isExternal, isDate, isArgumentsObject, isBigIntObject, isBooleanObject, isNumberObject, isStringObject,
  isSymbolObject, isNativeError, isRegExp, isAsyncFunction, isGeneratorFunction, isGeneratorObject, isPromise,
  isMap, isSet, isMapIterator, isSetIterator, isWeakMap, isWeakSet, isArrayBuffer, isDataView,
  isSharedArrayBuffer, isProxy, isModuleNamespaceObject, isAnyArrayBuffer, isBoxedPrimitive,
  isArrayBufferView, isTypedArray, isUint8Array, isUint8ClampedArray, isUint16Array, isUint32Array,
  isInt8Array, isInt16Array, isInt32Array, isFloat32Array, isFloat64Array, isBigInt64Array,
  isBigUint64Array, isKeyObject, isCryptoKey,
};
