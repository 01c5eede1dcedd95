// util.MIMEType and MIMEParams (experimental in Node 20): parse, serialise and edit media types
// @differs: util.MIMEType is not implemented on Nephos yet (undefined)
const util = require('util');
console.log(typeof util.MIMEType, typeof util.MIMEParams);
const m = new util.MIMEType('Text/HTML; charset="utf-8"; q=0.5');
console.log(m.type, m.subtype, m.essence, m.params.get('charset'), String(m));
