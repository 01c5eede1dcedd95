// built-ins newer than Node 20 (ES2024/2025: Object.groupBy, Promise.withResolvers, Set methods, Array.fromAsync) are absent
// @differs: Nephos installs these from core-js, so it is a superset of Node 20 here (code that feature-detects them still works)
console.log(typeof Object.groupBy, typeof Map.groupBy, typeof Promise.withResolvers, typeof Set.prototype.union, typeof Array.fromAsync);
