// dc.subscribe/unsubscribe by name before the channel exists; channel identity per name
const dc = require('diagnostics_channel');
const f = (m) => console.log('by name', m);
dc.subscribe('compat:late', f);
const ch = dc.channel('compat:late');
ch.publish(42);
console.log(dc.channel('compat:late') === ch, dc.unsubscribe('compat:late', f), dc.unsubscribe('compat:late', f));
const sym = Symbol('compat');
console.log(dc.channel(sym).name === sym);
try { dc.channel(5); } catch (e) { console.log(e.code, e.message); }
