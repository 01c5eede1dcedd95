// performance.mark / measure: entries, types, names, detail; getEntriesByName/Type; clear
const { performance } = require('perf_hooks');
const m1 = performance.mark('a', { detail: { x: 1 } });
performance.mark('b');
const m = performance.measure('a-to-b', 'a', 'b');
console.log(m1.name, m1.entryType, JSON.stringify(m1.detail), m.entryType, m.name, m.duration >= 0, typeof m.startTime);
console.log(performance.getEntriesByType('mark').map((e) => e.name), performance.getEntriesByName('a-to-b').length);
performance.clearMarks('a');
console.log(performance.getEntriesByType('mark').map((e) => e.name));
performance.clearMarks(); performance.clearMeasures();
console.log(performance.getEntries().length);
try { performance.measure('bad', 'no-such-mark'); } catch (e) { console.log(e.name, e.code, e.message); }
