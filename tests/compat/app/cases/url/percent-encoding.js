// percent-encoding sets: path, query, fragment, userinfo; encodeURIComponent/decodeURIComponent errors
const u = new URL('http://h/ !"#$%&\'()*+,;=<>?@[]^`{|}~?q= !"#$\'<>`{}|#f= "<>`{}');
console.log(u.pathname); console.log(u.search); console.log(u.hash);
console.log(encodeURIComponent('a b&c/ü'), encodeURI('http://h/a b?x=ü#f'), decodeURIComponent('%E2%82%AC'));
try { decodeURIComponent('%E2%82'); } catch (e) { console.log(e.name, e.message); }
try { encodeURIComponent('\ud800'); } catch (e) { console.log(e.name, e.message); }
