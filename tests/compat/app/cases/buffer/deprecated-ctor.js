// new Buffer(n) and Buffer(string) still work (deprecated): zero-filled, same as Buffer.from
const a = new Buffer(4);
const b = Buffer('abc');
const c = new Buffer([1, 2]);
console.log(a, b.toString(), c, a instanceof Buffer);
