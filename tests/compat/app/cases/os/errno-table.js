// os.constants.errno values for the common errors Node reports
const { errno } = require('os').constants;
console.log(['E2BIG', 'EAGAIN', 'EBADF', 'EBUSY', 'ECONNREFUSED', 'EEXIST', 'EINVAL', 'EISDIR', 'EMFILE', 'ENOTDIR', 'ENOTEMPTY', 'EPERM', 'EPIPE', 'EROFS'].map((n) => `${n}=${errno[n]}`).join(' '));
