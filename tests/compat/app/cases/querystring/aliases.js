// decode/encode aliases and the module's exported names
const qs = require('querystring');
console.log(qs.decode === qs.parse, qs.encode === qs.stringify, Object.keys(qs).sort().join(','));
