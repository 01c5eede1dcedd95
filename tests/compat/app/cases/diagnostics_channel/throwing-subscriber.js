// a throwing subscriber does not stop the others; the error surfaces as an uncaught exception later
process.on('uncaughtException', (e) => console.log('uncaught', e.message));
const dc = require('diagnostics_channel');
const ch = dc.channel('compat:throw');
ch.subscribe(() => { throw new Error('subscriber failed'); });
ch.subscribe(() => console.log('second subscriber runs'));
ch.publish({});
console.log('publish returned');
