// swap16/32/64, reverse, iteration (keys, values, entries) and for..of
const b = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
console.log(Buffer.from(b).swap16(), Buffer.from(b).swap32(), Buffer.from(b).swap64());
console.log(Buffer.from(b).reverse());
try { Buffer.from([1, 2, 3]).swap16(); } catch (e) { console.log(e.code, e.message); }
console.log([...Buffer.from('hi').entries()], [...Buffer.from('hi').keys()]);
let sum = 0; for (const x of b) sum += x;
console.log(sum);
