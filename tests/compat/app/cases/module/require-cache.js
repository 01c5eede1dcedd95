// require caches modules: the same exports object, require.cache keyed by resolved filename, deleting reloads
const a = require('./_helper');
const b = require('./_helper');
console.log(a === b, a.loadedCount);
const key = require.resolve('./_helper');
console.log(key in require.cache, require.cache[key].exports === a, require.cache[key].loaded);
delete require.cache[key];
const c = require('./_helper');
console.log(c === a, c.loadedCount);
