// assert.CallTracker (deprecated, DEP0173): calls, getCalls, report, verify, reset and their errors
const assert = require('assert');
process.on('warning', (w) => console.log('warn', w.code, w.message));
const tracker = new assert.CallTracker();
function foo(a) { return a * 2; }
const t = tracker.calls(foo, 2);
console.log(t(3), t.name, t.length);
console.log(JSON.stringify(tracker.getCalls(t)));
try { tracker.verify(); } catch (e) { console.log(e.name, e.code, e.message); }
console.log(tracker.report().map((r) => [r.message, r.actual, r.expected, r.operator]));
t(1); tracker.verify(); console.log('verified');
tracker.reset(t); console.log(tracker.getCalls(t).length);
const t2 = tracker.calls(); const t3 = tracker.calls(() => {}, 3);
try { tracker.verify(); } catch (e) { console.log(e.message); }
try { tracker.getCalls(() => {}); } catch (e) { console.log(e.code, e.message); }
try { tracker.calls(foo, 0); } catch (e) { console.log(e.code, e.message); }
