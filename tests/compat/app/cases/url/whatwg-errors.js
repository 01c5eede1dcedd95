// invalid URLs throw TypeError ERR_INVALID_URL with input; URL.canParse
const t = (...a) => { try { new URL(...a); console.log('ok'); } catch (e) { console.log(e.name, e.code, e.message, e.input); } };
t('not a url');
t('http://');
t('/relative');
t('http://exa mple.com');
t('https://[::1');
t('rel', 'also not a base');
console.log(URL.canParse('http://x'), URL.canParse('nope'), URL.canParse('/p', 'http://b'));
