// Error.captureStackTrace adds a stack to any object and hides frames above the given function
function outer() { return inner(); }
function inner() { const o = {}; Error.captureStackTrace(o, inner); return o; }
const o = outer();
console.log(typeof o.stack, o.stack.split('\n')[0], /inner/.test(o.stack.split('\n')[1] || ''));
const plain = { message: 'm' };
Error.captureStackTrace(plain);
console.log(plain.stack.split('\n')[0]);
class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; Error.captureStackTrace(this, MyErr); } }
console.log(new MyErr('custom').stack.split('\n')[0]);
