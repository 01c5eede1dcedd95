// clearTimeout, clearInterval inside the callback, refresh, hasRef, unref keeping the process alive or not
// @alone
// (its unref'd 1 s timer outlives the case: in a batch it would fire under a later case)
let n = 0;
const iv = setInterval(() => { n++; console.log('interval', n); if (n === 3) clearInterval(iv); }, 5);
const t = setTimeout(() => console.log('never'), 5);
clearTimeout(t);
clearTimeout(undefined); clearTimeout(null); clearTimeout(12345);
const u = setTimeout(() => console.log('unrefed never runs'), 1000);
u.unref();
console.log(u.hasRef(), typeof u.ref, typeof u[Symbol.toPrimitive]);
const r = setTimeout(() => console.log('refreshed timer fired'), 100);
setTimeout(() => r.refresh(), 60);
