// Duplex with allowHalfOpen false ends the writable side when the readable side ends
const { Duplex } = require('stream');
const d = new Duplex({
  allowHalfOpen: false,
  read() {},
  write(c, e, cb) { console.log('write', c.toString()); cb(); },
  final(cb) { console.log('final'); cb(); },
});
d.on('finish', () => console.log('finish'));
d.on('end', () => console.log('end'));
d.on('close', () => console.log('close'));
d.write('one');
d.resume();
d.push(null);
console.log(d.allowHalfOpen);
