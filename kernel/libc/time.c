/* Time for the engine (Date, Math.random's seed): from kernel/core/clock.c. The guest runs in UTC
 * (no time zone database): localtime_r is gmtime_r. */
#include <time.h>
#include <sys/time.h>
#include "nephos/kernel.h"

int clock_gettime(clockid_t id, struct timespec *ts)
{
    int64_t ns = (id == CLOCK_REALTIME) ? clock_wall_ns() : (int64_t)clock_mono_ns();
    ts->tv_sec = ns / 1000000000LL;
    ts->tv_nsec = ns % 1000000000LL;
    return 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    (void)tz;
    int64_t ns = clock_wall_ns();
    tv->tv_sec = ns / 1000000000LL;
    tv->tv_usec = (ns % 1000000000LL) / 1000;
    return 0;
}

time_t time(time_t *t)
{
    time_t now = (time_t)(clock_wall_ns() / 1000000000LL);
    if (t) *t = now;
    return now;
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
    return gmtime_r(t, tm);
}
