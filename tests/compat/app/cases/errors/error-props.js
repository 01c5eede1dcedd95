// error objects: name/message/stack first line, toString, instanceof chain, custom subclasses
class AppError extends Error { constructor(m, code) { super(m); this.name = 'AppError'; this.code = code; } }
const e = new AppError('failed', 'E_APP');
console.log(String(e), e.stack.split('\n')[0], e instanceof AppError, e instanceof Error, e.code, Object.keys(e));
console.log(new TypeError('t').stack.split('\n')[0], new RangeError().toString(), Object.prototype.toString.call(e));
console.log(JSON.stringify(e), JSON.stringify({ ...e }));
const withProps = Object.assign(new Error('p'), { status: 404 });
console.log(withProps.status, Object.keys(withProps));
