// Readable helpers: map, filter, take, toArray, reduce, Readable.from strings and buffers
const { Readable } = require('stream');
(async () => {
  console.log(await Readable.from([1, 2, 3, 4, 5]).filter((n) => n % 2).map((n) => n * 10).toArray());
  console.log(await Readable.from([1, 2, 3, 4]).take(2).toArray());
  console.log(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 0));
  console.log(await Readable.from('a string').toArray());
  console.log((await Readable.from(Buffer.from('buf')).toArray()).map((b) => typeof b));
  console.log(await Readable.from([1, 2, 3]).some((n) => n > 2), await Readable.from([1, 2]).every((n) => n > 1));
})();
