// toJSON, JSON round trip, util.inspect of buffers (long and short), Buffer in console.log
const b = Buffer.from([1, 2, 3]);
console.log(JSON.stringify(b), JSON.stringify({ b }));
console.log(Buffer.from(JSON.parse(JSON.stringify(b))).equals(b));
console.log(b);
console.log(Buffer.alloc(60, 1));
console.log([Buffer.from('x')], { nested: Buffer.from('yz') });
console.log(require('util').inspect(Buffer.from('abc'), { showHidden: false }));
console.log(String(Buffer.from('str')), `${Buffer.from('tpl')}`);
