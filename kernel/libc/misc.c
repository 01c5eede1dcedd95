/* The rest of what the engine and musl's objects expect from a C runtime: errno, and the pthread
 * calls only Atomics.wait reaches (one thread: waits time out at once). */
#include <errno.h>
#include <pthread.h>

static int errno_value;
int *__errno_location(void) { return &errno_value; }
int *___errno_location(void) { return &errno_value; }

int pthread_mutex_lock(pthread_mutex_t *m) { (void)m; return 0; }
int pthread_mutex_unlock(pthread_mutex_t *m) { (void)m; return 0; }
int pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *a) { (void)c; (void)a; return 0; }
int pthread_cond_destroy(pthread_cond_t *c) { (void)c; return 0; }
int pthread_cond_signal(pthread_cond_t *c) { (void)c; return 0; }
int pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) { (void)c; (void)m; return 0; }
int pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *t)
{
    (void)c; (void)m; (void)t;
    return ETIMEDOUT;
}
