// a process with only unref'd timers exits; ref() makes it wait again
const a = setTimeout(() => console.log('a never'), 500).unref();
const b = setInterval(() => console.log('b never'), 500).unref();
const c = setTimeout(() => console.log('c ran'), 20).unref();
c.ref();
const imm = setImmediate(() => console.log('immediate ran'));
imm.unref();
console.log('main end', a.hasRef(), c.hasRef(), imm.hasRef());
