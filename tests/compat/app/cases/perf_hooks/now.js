// performance.now is monotonic and sub-millisecond; global performance is perf_hooks.performance
const { performance } = require('perf_hooks');
const a = performance.now();
let b = a;
for (let i = 0; i < 1000; i++) b = Math.max(b, performance.now());
console.log(typeof a, a >= 0, b >= a, performance === globalThis.performance);
console.log(typeof performance.timeOrigin, performance.timeOrigin > 1.6e12, Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 1000);
