// extra arguments pass through to callbacks; this is the Timeout object; invalid callbacks throw
setTimeout(function (a, b) { console.log('args', a, b, this.constructor.name); }, 1, 'x', 2);
setImmediate((...a) => console.log('immediate args', a), 1, 2, 3);
try { setTimeout('code'); } catch (e) { console.log(e.code, e.message); }
try { setImmediate(null); } catch (e) { console.log(e.code, e.message); }
try { setInterval(); } catch (e) { console.log(e.code, e.message); }
process.nextTick((a, b) => console.log('tick args', a, b), 'p', 'q');
