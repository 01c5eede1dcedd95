// a process with only unref'd timers exits; ref() makes it wait again
// @alone
const a = setTimeout(() => console.log('a never'), 2000).unref();
const b = setInterval(() => console.log('b never'), 2000).unref();
const c = setTimeout(() => console.log('c ran'), 300).unref();
c.ref();
const imm = setImmediate(() => console.log('immediate ran'));
imm.unref();
console.log('main end', a.hasRef(), c.hasRef(), imm.hasRef());
