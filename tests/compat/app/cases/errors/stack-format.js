// the stack's first lines: "Name: message" then frames starting with "    at "
function thrower() { throw new Error('fmt'); }
try { thrower(); } catch (e) {
  const lines = e.stack.split('\n');
  console.log(lines[0], lines.length > 1, /^    at /.test(lines[1]), /thrower/.test(lines[1]));
}
const noMsg = new Error();
console.log(JSON.stringify(noMsg.stack.split('\n')[0]));
const multi = new Error('line1\nline2');
console.log(JSON.stringify(multi.stack.split('\n').slice(0, 2)));
