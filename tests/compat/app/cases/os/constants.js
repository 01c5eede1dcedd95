// os.constants: signals, errno, priority values that Linux Node has
const os = require('os');
const { signals, errno, priority } = os.constants;
console.log(signals.SIGINT, signals.SIGTERM, signals.SIGKILL, signals.SIGHUP, signals.SIGUSR2, Object.keys(signals).length);
console.log(errno.ENOENT, errno.EACCES, errno.EADDRINUSE, errno.ECONNRESET, errno.ETIMEDOUT);
console.log(priority.PRIORITY_LOW, priority.PRIORITY_HIGHEST, typeof os.constants.dlopen, os.constants.UV_UDP_REUSEADDR);
