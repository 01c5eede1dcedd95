// os.constants.signals maps every Linux signal name to its number
const { signals } = require('os').constants;
console.log(Object.entries(signals).map(([k, v]) => `${k}=${v}`).join(' '));
