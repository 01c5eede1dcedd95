// stack frames carry column numbers (file:line:column)
// @differs: the engine (QuickJS 2021-03-27) records lines, not columns: frames read file:line for code loaded at run time (bundled code gets the source map's column)
function here() { return new Error('where'); }
const frame = here().stack.split('\n')[1];
console.log(/:\d+:\d+\)?$/.test(frame), /:3:26\)?$/.test(frame));
