// stack frames name this file and the line, also for one-line functions and arrows
const path = require('path');
function here() { return new Error('where'); }
const arrow = () => new Error('arrow');
for (const e of [here(), arrow()]) {
  const frame = e.stack.split('\n')[1];
  const m = /\((.*?):(\d+)(?::\d+)?\)$/.exec(frame) || /at (.*?):(\d+)(?::\d+)?$/.exec(frame);
  console.log(!!m, m && path.basename(m[1]), m && m[2]);
}
