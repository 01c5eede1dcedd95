// Date in UTC (TZ=UTC): toString, toISOString, getTimezoneOffset, Date.parse forms
const d = new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 123));
console.log(d.toISOString(), d.toString(), d.toUTCString(), d.getTimezoneOffset(), d.toJSON());
console.log(d.toDateString(), d.toTimeString());
console.log(Date.parse('2024-02-29'), Date.parse('2024-02-29T12:00:00'), Date.parse('Thu, 01 Jan 1970 00:00:00 GMT'), Date.parse('garbage'));
console.log(new Date(2020, 0, 1).getTime(), String(new Date(NaN)));
