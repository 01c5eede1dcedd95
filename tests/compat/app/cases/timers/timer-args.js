// extra arguments pass through to callbacks; this is the Timeout object; invalid callbacks throw
// (the timer starts in the immediate: a timer against an immediate from the main module is a race)
setImmediate((...a) => {
  console.log('immediate args', a);
  setTimeout(function (x, y) { console.log('args', x, y, this.constructor.name); }, 1, 'x', 2);
}, 1, 2, 3);
try { setTimeout('code'); } catch (e) { console.log(e.code, e.message); }
try { setImmediate(null); } catch (e) { console.log(e.code, e.message); }
try { setInterval(); } catch (e) { console.log(e.code, e.message); }
process.nextTick((a, b) => console.log('tick args', a, b), 'p', 'q');
