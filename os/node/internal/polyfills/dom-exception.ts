// DOMException as Node 20 has it (lib/internal/per_context/domexception.js, WebIDL §3.14.1
// https://webidl.spec.whatwg.org/#idl-DOMException): `new DOMException(message, name | {name, cause})`,
// name/message/code as enumerable prototype getters, the legacy code constants on both the
// constructor and the prototype, and Error.prototype as the prototype's prototype so that
// `instanceof Error` holds and util.inspect prints it as an error ("DOMException [AbortError]: ...").

const legacyCodes: [string, string, number][] = [
  ['IndexSizeError', 'INDEX_SIZE_ERR', 1], ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR', 2],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR', 3], ['WrongDocumentError', 'WRONG_DOCUMENT_ERR', 4],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR', 5], ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR', 6],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR', 7], ['NotFoundError', 'NOT_FOUND_ERR', 8],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR', 9], ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR', 10],
  ['InvalidStateError', 'INVALID_STATE_ERR', 11], ['SyntaxError', 'SYNTAX_ERR', 12],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR', 13], ['NamespaceError', 'NAMESPACE_ERR', 14],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR', 15], ['ValidationError', 'VALIDATION_ERR', 16],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR', 17], ['SecurityError', 'SECURITY_ERR', 18],
  ['NetworkError', 'NETWORK_ERR', 19], ['AbortError', 'ABORT_ERR', 20], ['URLMismatchError', 'URL_MISMATCH_ERR', 21],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR', 22], ['TimeoutError', 'TIMEOUT_ERR', 23],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR', 24], ['DataCloneError', 'DATA_CLONE_ERR', 25],
];
const codeOfName = new Map<string, number>(legacyCodes.map(([name, , code]) => [name, code]));

interface State { name: string; message: string }
const internals = new WeakMap<object, State>();

function stateOf(self: unknown): State {
  const s = internals.get(self as object);
  if (!s) throw new TypeError('Value of "this" must be of type DOMException');
  return s;
}

export class DOMException {
  constructor(message: unknown = '', options: unknown = 'Error') {
    const E = Error as unknown as { captureStackTrace?: (o: object) => void };
    E.captureStackTrace?.(this);
    if (options !== null && typeof options === 'object') {
      const o = options as { name?: unknown; cause?: unknown };
      internals.set(this, { message: `${message}`, name: 'name' in o ? `${o.name}` : 'Error' });
      if ('cause' in o) Object.defineProperty(this, 'cause', { value: o.cause, configurable: true, writable: true, enumerable: false });
    } else {
      internals.set(this, { message: `${message}`, name: `${options}` });
    }
  }
  get name(): string { return stateOf(this).name; }
  get message(): string { return stateOf(this).message; }
  get code(): number { return codeOfName.get(stateOf(this).name) ?? 0; }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);
for (const key of ['name', 'message', 'code']) {
  Object.defineProperty(DOMException.prototype, key, { ...Object.getOwnPropertyDescriptor(DOMException.prototype, key), enumerable: true });
}
Object.defineProperty(DOMException, 'name', { value: 'DOMException' }); // stable under bundler renaming and minification
Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true, writable: false, enumerable: false });
for (const [, constant, code] of legacyCodes) {
  const desc = { value: code, enumerable: true, writable: false, configurable: false };
  Object.defineProperty(DOMException, constant, desc);
  Object.defineProperty(DOMException.prototype, constant, desc);
}
