// Deep equality as Node's assert.deepEqual / deepStrictEqual and util.isDeepStrictEqual
// (lib/internal/util/comparisons.js, documented under "Comparison details" in Node's assert docs).
//
// Strict mode: primitives by Object.is, same [[Prototype]], same Object.prototype.toString tag,
// own enumerable string keys and enumerable symbol keys, Map/Set contents regardless of order
// (object keys matched by deep equality), typed arrays by bytes, boxed primitives by value, Dates
// by time, RegExps by source/flags/lastIndex, errors also by name, message, cause and errors.
// Loose mode: primitives by ==, prototypes ignored, symbols ignored.
// Cycles are handled by memoising the pair of objects currently being compared on both sides.

import {
  isAnyArrayBuffer, isArrayBufferView, isBigIntObject, isBooleanObject, isBoxedPrimitive, isDate, isFloat32Array,
  isFloat64Array, isMap, isNativeError, isNumberObject, isRegExp, isSet, isStringObject, isSymbolObject,
} from './types';

const enum Iter { None, Array, Set, Map }
interface Memos { val1: Map<unknown, number>; val2: Map<unknown, number>; position: number }

const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);
const isEnumerable = (o: object, k: PropertyKey) => Object.prototype.propertyIsEnumerable.call(o, k);
const tagOf = (v: unknown) => Object.prototype.toString.call(v);

export function isDeepEqual(a: unknown, b: unknown): boolean { return innerDeepEqual(a, b, false, undefined); }
export function isDeepStrictEqual(a: unknown, b: unknown): boolean { return innerDeepEqual(a, b, true, undefined); }

/** Own enumerable keys that are not array indices (and, in strict mode, enumerable symbols). */
function nonIndexKeys(o: object, strict: boolean): PropertyKey[] {
  const keys: PropertyKey[] = Object.keys(o).filter((k) => !/^(0|[1-9][0-9]*)$/.test(k) || Number(k) >= 2 ** 32 - 1);
  if (strict) for (const s of Object.getOwnPropertySymbols(o)) if (isEnumerable(o, s)) keys.push(s);
  return keys;
}

function bytesOf(v: ArrayBufferView | ArrayBuffer): Uint8Array {
  return ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function similarFloatArrays(a: ArrayLike<number> & ArrayBufferView, b: ArrayLike<number> & ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function equalBoxed(a: object, b: object): boolean {
  if (isNumberObject(a)) return isNumberObject(b) && Object.is(Number.prototype.valueOf.call(a), Number.prototype.valueOf.call(b));
  if (isStringObject(a)) return isStringObject(b) && String.prototype.valueOf.call(a) === String.prototype.valueOf.call(b);
  if (isBooleanObject(a)) return isBooleanObject(b) && Boolean.prototype.valueOf.call(a) === Boolean.prototype.valueOf.call(b);
  if (isBigIntObject(a)) return isBigIntObject(b) && BigInt.prototype.valueOf.call(a) === BigInt.prototype.valueOf.call(b);
  if (isSymbolObject(a)) return isSymbolObject(b) && Symbol.prototype.valueOf.call(a) === Symbol.prototype.valueOf.call(b);
  return false;
}

function innerDeepEqual(val1: any, val2: any, strict: boolean, memos: Memos | undefined): boolean {
  if (val1 === val2) return val1 !== 0 || !strict || Object.is(val1, val2);
  if (strict) {
    if (typeof val1 !== 'object') return typeof val1 === 'number' && val1 !== val1 && val2 !== val2;
    if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
    if (Object.getPrototypeOf(val1) !== Object.getPrototypeOf(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (Number.isNaN(val1) && Number.isNaN(val2));
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  if (tagOf(val1) !== tagOf(val2)) return false;

  if (Array.isArray(val1)) {
    if (!Array.isArray(val2) || val1.length !== val2.length) return false;
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, Iter.Array, keys1);
  } else if (tagOf(val1) === '[object Object]') {
    return keyCheck(val1, val2, strict, memos, Iter.None);
  } else if (isDate(val1)) {
    if (!isDate(val2) || val1.getTime() !== val2.getTime()) return false;
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || val1.source !== val2.source || val1.flags !== val2.flags || val1.lastIndex !== val2.lastIndex) return false;
  } else if (isNativeError(val1) || (val1 as unknown) instanceof Error) {
    if (!isNativeError(val2) && !(val2 instanceof Error)) return false;
    // Enumerable message/name/cause/errors are compared with the other keys below; the others here.
    for (const key of ['message', 'name', 'cause', 'errors']) {
      const enumerable = isEnumerable(val1, key);
      if (enumerable !== isEnumerable(val2, key)) return false;
      if (!enumerable) {
        if (key === 'message' || key === 'name') {
          if ((val1 as any)[key] !== (val2 as any)[key]) return false;
        } else if (!innerDeepEqual((val1 as any)[key], (val2 as any)[key], strict, memos)) {
          return false;
        }
      }
    }
  } else if (isArrayBufferView(val1)) {
    if (!isArrayBufferView(val2)) return false;
    if (!strict && (isFloat32Array(val1) || isFloat64Array(val1))) {
      if (!similarFloatArrays(val1 as Float64Array, val2 as Float64Array)) return false;
    } else if (!equalBytes(bytesOf(val1), bytesOf(val2))) {
      return false;
    }
    const keys1 = nonIndexKeys(val1, strict);
    if (keys1.length !== nonIndexKeys(val2, strict).length) return false;
    return keyCheck(val1, val2, strict, memos, Iter.None, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, Iter.Set);
  } else if (isMap(val1)) {
    if (!isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, Iter.Map);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || !equalBytes(bytesOf(val1), bytesOf(val2))) return false;
  } else if (isBoxedPrimitive(val1)) {
    if (!equalBoxed(val1, val2)) return false;
  } else if (isURL(val1)) {
    // Node 20.13+: URLs compare by href (their state is private, so keys alone say nothing).
    if (!isURL(val2) || val1.href !== val2.href) return false;
  } else if (Array.isArray(val2) || isArrayBufferView(val2) || isSet(val2) || isMap(val2) || isDate(val2) || isRegExp(val2) ||
    isAnyArrayBuffer(val2) || isBoxedPrimitive(val2) || isNativeError(val2) || val2 instanceof Error) {
    return false;
  }
  return keyCheck(val1, val2, strict, memos, Iter.None);
}

/** lib/internal/url.js isURL: a WHATWG URL, not a legacy url.parse() object (which has auth/path). */
function isURL(v: any): boolean {
  return Boolean(v && typeof v.href === 'string' && typeof v.protocol === 'string' && v.auth === undefined && v.path === undefined);
}

function keyCheck(val1: any, val2: any, strict: boolean, memos: Memos | undefined, iter: Iter, givenKeys?: PropertyKey[]): boolean {
  let aKeys: PropertyKey[];
  if (givenKeys === undefined) {
    aKeys = Object.keys(val1);
    if (aKeys.length !== Object.keys(val2).length) return false;
  } else {
    aKeys = givenKeys;
  }
  for (const k of aKeys) if (!isEnumerable(val2, k)) return false;
  if (strict && givenKeys === undefined) {
    const symA = Object.getOwnPropertySymbols(val1);
    let count = 0;
    for (const key of symA) {
      if (isEnumerable(val1, key)) {
        if (!isEnumerable(val2, key)) return false;
        aKeys.push(key);
        count++;
      } else if (isEnumerable(val2, key)) {
        return false;
      }
    }
    const symB = Object.getOwnPropertySymbols(val2);
    if (symB.filter((k) => isEnumerable(val2, k)).length !== count) return false;
  }
  if (aKeys.length === 0 && (iter === Iter.None || (iter === Iter.Array && val1.length === 0) || val1.size === 0)) return true;

  if (memos === undefined) {
    memos = { val1: new Map(), val2: new Map(), position: 0 };
  } else {
    const memoA = memos.val1.get(val1);
    if (memoA !== undefined) {
      const memoB = memos.val2.get(val2);
      if (memoB !== undefined) return memoA === memoB;
    }
    memos.position++;
  }
  memos.val1.set(val1, memos.position);
  memos.val2.set(val2, memos.position);
  const equal = objEquiv(val1, val2, strict, aKeys, memos, iter);
  memos.val1.delete(val1);
  memos.val2.delete(val2);
  return equal;
}

function objEquiv(a: any, b: any, strict: boolean, keys: PropertyKey[], memos: Memos, iter: Iter): boolean {
  if (iter === Iter.Set) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iter === Iter.Map) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iter === Iter.Array) {
    for (let i = 0; i < a.length; i++) {
      if (hasOwn(a, i)) {
        if (!hasOwn(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) return false;
      } else if (hasOwn(b, i)) {
        return false;
      } else {
        // Sparse array: compare the remaining own keys.
        const keysA = Object.keys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!hasOwn(b, key) || !innerDeepEqual(a[key], b[key], strict, memos)) return false;
        }
        return keysA.length === Object.keys(b).length;
      }
    }
  }
  for (const key of keys) if (!innerDeepEqual(a[key as any], b[key as any], strict, memos)) return false;
  return true;
}

// For loose Set/Map comparison: the primitive another primitive could be == to, or a boolean
// answer when there is none (undefined == null; strings compare to numbers).
function looseAlternative(prim: unknown): unknown {
  switch (typeof prim) {
    case 'undefined': return null;
    case 'object': return undefined; // null
    case 'symbol': return false;
    case 'string': return Number.isNaN(+(prim as string)) ? false : true;
    case 'number': if (Number.isNaN(prim)) return false;
  }
  return true;
}

function setMightHaveLoosePrim(a: Set<unknown>, b: Set<unknown>, prim: unknown): boolean {
  const alt = looseAlternative(prim);
  if (alt != null) return alt as boolean;
  return b.has(alt) && !a.has(alt);
}

function setHasEqualElement(set: Set<unknown>, val1: unknown, strict: boolean, memos: Memos): boolean {
  for (const val2 of set) {
    if (innerDeepEqual(val1, val2, strict, memos)) { set.delete(val2); return true; }
  }
  return false;
}

function setEquiv(a: Set<unknown>, b: Set<unknown>, strict: boolean, memos: Memos): boolean {
  let set: Set<unknown> | null = null;
  for (const val of a) {
    if (typeof val === 'object' && val !== null) {
      (set ??= new Set()).add(val);
    } else if (!b.has(val)) {
      if (strict) return false;
      if (!setMightHaveLoosePrim(a, b, val)) return false;
      (set ??= new Set()).add(val);
    }
  }
  if (set !== null) {
    for (const val of b) {
      if (typeof val === 'object' && val !== null) {
        if (!setHasEqualElement(set, val, strict, memos)) return false;
      } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

function mapMightHaveLoosePrim(a: Map<unknown, unknown>, b: Map<unknown, unknown>, prim: unknown, item: unknown, memos: Memos): boolean {
  const alt = looseAlternative(prim);
  if (alt != null) return alt as boolean;
  const curB = b.get(alt);
  if ((curB === undefined && !b.has(alt)) || !innerDeepEqual(item, curB, false, memos)) return false;
  return !a.has(alt) && innerDeepEqual(item, curB, false, memos);
}

function mapHasEqualEntry(set: Set<unknown>, map: Map<unknown, unknown>, key1: unknown, item1: unknown, strict: boolean, memos: Memos): boolean {
  for (const key2 of set) {
    if (innerDeepEqual(key1, key2, strict, memos) && innerDeepEqual(item1, map.get(key2), strict, memos)) {
      set.delete(key2);
      return true;
    }
  }
  return false;
}

function mapEquiv(a: Map<unknown, unknown>, b: Map<unknown, unknown>, strict: boolean, memos: Memos): boolean {
  let set: Set<unknown> | null = null;
  for (const [key, item1] of a) {
    if (typeof key === 'object' && key !== null) {
      (set ??= new Set()).add(key);
    } else {
      const item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memos)) {
        if (strict) return false;
        if (!mapMightHaveLoosePrim(a, b, key, item1, memos)) return false;
        (set ??= new Set()).add(key);
      }
    }
  }
  if (set !== null) {
    for (const [key, item] of b) {
      if (typeof key === 'object' && key !== null) {
        if (!mapHasEqualEntry(set, a, key, item, strict, memos)) return false;
      } else if (!strict && (!a.has(key) || !innerDeepEqual(a.get(key), item, false, memos)) &&
        !mapHasEqualEntry(set, a, key, item, false, memos)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}
