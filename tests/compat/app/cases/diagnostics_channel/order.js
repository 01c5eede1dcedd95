// subscribers run in subscription order; unsubscribing during publish keeps the current delivery
const dc = require('diagnostics_channel');
const ch = dc.channel('compat:order');
const a = () => { console.log('a'); ch.unsubscribe(b); };
const b = () => console.log('b');
const c = () => console.log('c');
ch.subscribe(a); ch.subscribe(b); ch.subscribe(c);
ch.publish(1);
console.log('---');
ch.publish(2);
