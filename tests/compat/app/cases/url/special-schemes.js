// special vs non-special schemes: opaque paths, backslashes, default ports, blob/data/javascript URLs
for (const s of ['http://h\\a\\b', 'foo://h\\a', 'data:text/plain,hi', 'javascript:alert(1)', 'ws://h:80/', 'wss://h:443/', 'ftp://h:21/', 'urn:isbn:123', 'sc://ñ.com/']) {
  const u = new URL(s);
  console.log(JSON.stringify([u.href, u.protocol, u.host, u.pathname, u.origin]));
}
