// util.deprecate warns once per code, calls through, keeps `this`; the 'warning' event carries the code
const util = require('util');
process.on('warning', (w) => console.log('warning', w.name, w.code, w.message));
const fn = util.deprecate(function (a) { return [this && this.tag, a]; }, 'fn() is deprecated', 'DEP_X');
const obj = { tag: 't', fn };
console.log(obj.fn(1));
console.log(obj.fn(2));
const other = util.deprecate(() => 'other', 'other() is deprecated', 'DEP_X');
console.log(other());
class Old {}
const Dep = util.deprecate(Old, 'Old is deprecated');
console.log(new Dep() instanceof Old);
