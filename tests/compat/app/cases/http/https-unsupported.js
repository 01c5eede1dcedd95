// https.get to a local port fails (no TLS server there): an error event, not a crash
// @differs: TLS is not supported on Nephos yet: https.get throws ERR_TLS_NOT_SUPPORTED ("TLS is not supported on Nephos yet") instead of connecting
const https = require('https');
const req = https.get('https://127.0.0.1:1/', () => console.log('response?'));
req.on('error', (e) => console.log('error', e.code));
