// AggregateError from Promise.any, errors array and message
Promise.any([Promise.reject(new Error('a')), Promise.reject(new Error('b'))]).catch((e) => {
  console.log(e.constructor.name, e.name, e.message, e.errors.map((x) => x.message));
});
const ag = new AggregateError([1, 2], 'msg');
console.log(ag.errors, ag.message, ag instanceof Error);
