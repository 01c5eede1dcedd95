// Channel class: instanceof, active vs inactive channels, subscribe validation
const dc = require('diagnostics_channel');
const ch = dc.channel('compat:inst');
console.log(ch instanceof dc.Channel, typeof dc.Channel);
const f = () => {};
ch.subscribe(f);
console.log(ch instanceof dc.Channel);
ch.unsubscribe(f);
try { ch.subscribe('nope'); } catch (e) { console.log(e.code, e.message); }
