// measure with start/end/duration options and numeric marks
const { performance } = require('perf_hooks');
const a = performance.measure('opts', { start: 10, end: 25 });
console.log(a.startTime, a.duration);
const b = performance.measure('dur', { start: 5, duration: 7 });
console.log(b.startTime, b.duration);
performance.mark('s', { startTime: 100 });
performance.mark('e', { startTime: 130.5 });
console.log(performance.measure('se', 's', 'e').duration, performance.getEntriesByName('s')[0].startTime);
