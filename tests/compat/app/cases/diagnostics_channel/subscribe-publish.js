// channel subscribe/publish/unsubscribe, hasSubscribers, message and name passed to subscribers
const dc = require('diagnostics_channel');
const ch = dc.channel('compat:basic');
console.log(ch.hasSubscribers, ch.name);
const sub = (msg, name) => console.log('got', JSON.stringify(msg), name);
ch.subscribe(sub);
console.log(ch.hasSubscribers, dc.hasSubscribers('compat:basic'));
ch.publish({ a: 1 });
console.log(ch.unsubscribe(sub), ch.unsubscribe(sub), ch.hasSubscribers);
ch.publish('not delivered');
