// legacy url.parse: fields, parseQueryString, slashesDenoteHost, auth, relative URLs
const url = require('url');
const show = (o) => console.log(JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => typeof o[k] !== 'function'))));
show(url.parse('http://user:pw@host.com:8080/p/a/t/h?query=string#hash'));
show(url.parse('/path?a=1&a=2&b', true));
show(url.parse('//host/path', false, true));
show(url.parse('mailto:x@y.com'));
show(url.parse('HTTP://EXAMPLE.com/A'));
