// createHistogram: record, min/max/mean/percentile/count, reset
const { createHistogram } = require('perf_hooks');
const h = createHistogram();
for (const v of [1, 2, 3, 4, 100]) h.record(v);
console.log(h.min, h.max, h.mean, h.count, h.percentile(50), h.percentile(100), h.exceeds);
h.reset();
console.log(h.count, h.min > 1e12, h.max);
try { h.record(0); } catch (e) { console.log(e.code, e.message); }
