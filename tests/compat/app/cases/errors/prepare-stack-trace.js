// Error.prepareStackTrace receives CallSite objects with file, line and function names
const path = require('path');
function named() {
  const orig = Error.prepareStackTrace;
  Error.prepareStackTrace = (err, frames) => frames;
  const frames = new Error('x').stack;
  Error.prepareStackTrace = orig;
  return frames;
}
const frames = named();
const f = frames[0];
console.log(Array.isArray(frames), typeof f.getFileName, path.basename(f.getFileName()), f.getFunctionName(), typeof f.getLineNumber(), f.getLineNumber(), typeof f.getColumnNumber(), f.isNative(), typeof f.isToplevel());
console.log(typeof f.getThis, typeof f.getTypeName, typeof f.isEval, typeof f.isConstructor, typeof f.getEvalOrigin);
