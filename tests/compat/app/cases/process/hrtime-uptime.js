// hrtime, hrtime.bigint, uptime and memoryUsage shapes; hrtime diff validation
const t0 = process.hrtime();
const d = process.hrtime(t0);
console.log(Array.isArray(t0), t0.length, d[0] >= 0, d[1] >= 0, typeof process.hrtime.bigint());
console.log(typeof process.uptime(), process.uptime() >= 0);
const m = process.memoryUsage();
console.log(Object.keys(m).sort().join(','), m.heapUsed > 0, typeof process.memoryUsage.rss());
try { process.hrtime(1); } catch (e) { console.log(e.code, e.message); }
try { process.hrtime([1]); } catch (e) { console.log(e.code, e.message); }
console.log(Object.keys(process.cpuUsage()).sort().join(','), typeof process.resourceUsage().maxRSS);
