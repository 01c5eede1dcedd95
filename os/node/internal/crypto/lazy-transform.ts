// Node's LazyTransform (lib/internal/streams/lazy_transform.js): Hash, Hmac and the other crypto
// objects are Transform streams, but most programs only call update()/digest(). The Transform
// constructor runs on first touch of the stream state, so createHash() stays cheap.
import { Transform } from '../../stream';

export interface LazyTransform {
  _options: unknown;
}

// A function-style constructor (as Node's), so subclasses can call it with `LazyTransform.call`.
export function LazyTransform(this: LazyTransform, options: unknown): void {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
Object.setPrototypeOf(LazyTransform, Transform);

function makeGetter(name: string) {
  return function (this: any) {
    Transform.call(this, this._options);
    this._writableState.decodeStrings = false;
    if (!this._options || !this._options.defaultEncoding) this._writableState.defaultEncoding = 'buffer';
    return this[name];
  };
}

function makeSetter(name: string) {
  return function (this: any, value: unknown) {
    Object.defineProperty(this, name, { value, enumerable: true, configurable: true, writable: true });
  };
}

for (const name of ['_readableState', '_writableState', '_transformState']) {
  Object.defineProperty(LazyTransform.prototype, name, { get: makeGetter(name), set: makeSetter(name), configurable: true, enumerable: true });
}
