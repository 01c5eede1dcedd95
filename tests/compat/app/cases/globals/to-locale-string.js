// Number/Date toLocaleString and String localeCompare without arguments
// @differs: no Intl on the engine: (1234567.891).toLocaleString() gives "1234567.891" instead of "1,234,567.891", Date.toLocaleString gives a different format
console.log((1234567.891).toLocaleString(), (0.5).toLocaleString());
console.log(new Date(Date.UTC(2020, 0, 2, 3, 4, 5)).toLocaleString('en-US', { timeZone: 'UTC' }));
console.log('a'.localeCompare('b'), 'b'.localeCompare('a'), 'a'.localeCompare('a'));
