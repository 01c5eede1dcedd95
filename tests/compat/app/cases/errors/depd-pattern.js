// the depd package's call-site lookup pattern (used by Express): prepareStackTrace + captureStackTrace
function getStack() {
  const limit = Error.stackTraceLimit;
  const obj = {};
  const prep = Error.prepareStackTrace;
  Error.prepareStackTrace = (o, stack) => stack;
  Error.stackTraceLimit = Math.max(10, limit);
  Error.captureStackTrace(obj);
  const stack = obj.stack.slice(1);
  Error.prepareStackTrace = prep;
  Error.stackTraceLimit = limit;
  return stack;
}
function callSiteLocation(callSite) {
  const file = callSite.getFileName() || '<anonymous>';
  return [require('path').basename(file), typeof callSite.getLineNumber(), typeof callSite.getColumnNumber()];
}
function caller() { return getStack(); }
const stack = caller();
console.log(stack.length > 0, JSON.stringify(callSiteLocation(stack[0])), stack[0].getFunctionName());
