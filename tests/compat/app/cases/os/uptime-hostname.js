// os.uptime, hostname, getPriority/setPriority shapes
const os = require('os');
console.log(typeof os.uptime(), os.uptime() >= 0, typeof os.hostname(), os.hostname().length > 0);
console.log(typeof os.getPriority(), typeof os.setPriority);
try { os.setPriority(0, 100); } catch (e) { console.log(e.code, e.name); }
