// international domain names: punycode in URL hosts, url.domainToASCII/Unicode
const url = require('url');
console.log(new URL('http://münchen.de/').host, new URL('http://xn--mnchen-3ya.de/').hostname);
console.log(url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'), JSON.stringify(url.domainToASCII('xn--iñvalid.com')));
console.log(new URL('http://EXAMPLE.com./').host, new URL('http://0x7f.1/').host, new URL('http://[::1]:3000/').host);
