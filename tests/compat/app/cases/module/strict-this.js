// module scope: `this` is module.exports, sloppy mode by default, arguments of the wrapper
console.log(this === module.exports, (function () { return this === undefined; })(), arguments.length);
console.log(typeof arguments[1], arguments[0] === exports);
