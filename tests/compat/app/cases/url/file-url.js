// fileURLToPath / pathToFileURL: encoding, errors for non-file URLs and encoded slashes
const { fileURLToPath, pathToFileURL } = require('url');
console.log(fileURLToPath('file:///tmp/a%20b.txt'), fileURLToPath(new URL('file:///x/y')));
console.log(pathToFileURL('/tmp/a b#c?.txt').href, pathToFileURL('/dir/').href);
try { fileURLToPath('http://x/y'); } catch (e) { console.log(e.code, e.message); }
try { fileURLToPath('file:///a%2fb'); } catch (e) { console.log(e.code, e.message); }
try { fileURLToPath('file://host/p'); } catch (e) { console.log(e.code, e.message); }
try { fileURLToPath(5); } catch (e) { console.log(e.code, e.message); }
