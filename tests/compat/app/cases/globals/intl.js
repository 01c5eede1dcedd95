// Intl number and date formatting, toLocaleString, localeCompare with en-US
// @differs: no Intl on the engine (QuickJS 2021-03-27): Intl is undefined; toLocaleString and localeCompare fall back to plain forms
console.log(typeof Intl);
console.log(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(1234.5));
console.log((1234567.891).toLocaleString('en-US'), new Date(0).toLocaleDateString('en-US', { timeZone: 'UTC' }));
console.log(['b', 'a', 'C'].sort((x, y) => x.localeCompare(y)));
