// every path function validates its arguments with ERR_INVALID_ARG_TYPE
const path = require('path');
for (const f of ['join', 'resolve', 'normalize', 'isAbsolute', 'relative', 'dirname', 'basename', 'extname', 'parse']) {
  try { path[f](undefined); console.log(f, 'ok'); } catch (e) { console.log(f, e.code, e.message); }
}
try { path.format(null); } catch (e) { console.log('format', e.code, e.message); }
try { path.basename('x', 1); } catch (e) { console.log('basename ext', e.code, e.message); }
