// os.networkInterfaces: loopback present with the documented fields
const os = require('os');
const ifs = os.networkInterfaces();
const lo = ifs.lo || [];
const v4 = lo.find((a) => a.family === 'IPv4');
console.log(typeof ifs, !!v4, v4 && v4.address, v4 && v4.netmask, v4 && v4.internal, v4 && v4.cidr, v4 && v4.mac);
console.log(v4 && Object.keys(v4).sort().join(','));
