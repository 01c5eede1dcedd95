// DOMException names, codes and messages; instanceof Error
const e = new DOMException('msg', 'AbortError');
console.log(e.name, e.message, e.code, e instanceof Error, Object.prototype.toString.call(e));
console.log(new DOMException('x', 'NotFoundError').code, new DOMException('y').name, DOMException.ABORT_ERR, DOMException.TIMEOUT_ERR);
const t = new DOMException('t', { name: 'TimeoutError', cause: 'c' });
console.log(t.name, t.code);
