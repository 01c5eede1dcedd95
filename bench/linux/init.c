/*
 * /init of the Linux microVM baseline: the least a Linux guest needs before `node /app/index.js`.
 *
 * The kernel unpacks the initramfs (bench/linux/initramfs.ts) into rootfs and runs this file as
 * PID 1 with the kernel command line's unknown `key=value` words as its environment
 * (Documentation/admin-guide/kernel-parameters.rst, "init=" and the note on environment). It:
 *   1. mounts proc, sysfs and devtmpfs (Debian's kernel has CONFIG_DEVTMPFS but not _MOUNT);
 *   2. loads the modules named in /lib/modules/load-order, one per line, dependencies first
 *      (finit_module(2); Debian builds virtio, virtio_mmio and virtio_net as modules, and the
 *      package carries no modules.dep, so the build works the order out from .modinfo);
 *   3. waits for eth0 (virtio_mmio binds the transports QEMU's microvm lists in its ACPI DSDT; the
 *      probe is synchronous in practice, the wait is a guard), brings up lo and eth0 with a static
 *      address and a default route through the old ioctls (netdevice(7), SIOCADDRT in route(4));
 *   4. execs node, which stays PID 1: when it exits the kernel panics and `panic=-1` with QEMU's
 *      -no-reboot ends the VM.
 * Addresses default to QEMU user networking's (guest 10.0.2.15/24, gateway 10.0.2.2) and can be
 * changed with BASELINE_ADDR=a.b.c.d/len and BASELINE_GW=a.b.c.d on the kernel command line.
 * Any failure prints one line naming the step and the errno text, then exits (kernel panic, VM ends).
 *
 * Built statically against musl (gcc -specs musl-gcc.specs -static) or glibc (gcc -static).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what, const char *detail) {
  fprintf(stderr, "init: %s%s%s: %s\n", what, detail ? " " : "", detail ? detail : "", strerror(errno));
  exit(1);
}

static void mount_or_die(const char *source, const char *target, const char *type) {
  mkdir(target, 0755);
  if (mount(source, target, type, MS_NOSUID | MS_NOEXEC, NULL) != 0 && errno != EBUSY) die("mount", target);
}

/* The kernel opens /dev/console for PID 1 when the initramfs has it; reopen after devtmpfs anyway,
 * so a missing node still gives node a stdout. */
static void console_stdio(void) {
  if (fcntl(1, F_GETFD) != -1) return;
  int fd = open("/dev/console", O_RDWR | O_NOCTTY);
  if (fd < 0) return;
  for (int i = 0; i < 3; i++) if (fd != i) dup2(fd, i);
  if (fd > 2) close(fd);
}

static void load_modules(const char *list) {
  FILE *f = fopen(list, "r");
  if (!f) die("open", list);
  char line[256];
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = 0;
    if (!line[0] || line[0] == '#') continue;
    char path[300];
    snprintf(path, sizeof path, "/lib/modules/%s", line);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) die("open", path);
    /* EEXIST: built in or already loaded, which is what we wanted. */
    if (syscall(SYS_finit_module, fd, "", 0) != 0 && errno != EEXIST) die("finit_module", path);
    close(fd);
  }
  fclose(f);
}

static void sleep_ms(long ms) {
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
  nanosleep(&ts, NULL);
}

static void set_addr(int sock, unsigned long request, const char *ifname, in_addr_t addr, const char *what) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
  struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;
  sin->sin_family = AF_INET;
  sin->sin_addr.s_addr = addr;
  if (ioctl(sock, request, &ifr) != 0) die(what, ifname);
}

static void set_up(int sock, const char *ifname) {
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
  if (ioctl(sock, SIOCGIFFLAGS, &ifr) != 0) die("SIOCGIFFLAGS", ifname);
  ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
  if (ioctl(sock, SIOCSIFFLAGS, &ifr) != 0) die("SIOCSIFFLAGS", ifname);
}

static in_addr_t parse_ipv4(const char *text, const char *what) {
  struct in_addr a;
  if (inet_pton(AF_INET, text, &a) != 1) {
    errno = EINVAL;
    die(what, text);
  }
  return a.s_addr;
}

static void configure_network(void) {
  const char *addr_env = getenv("BASELINE_ADDR");
  const char *gw_env = getenv("BASELINE_GW");
  char addr_text[32];
  snprintf(addr_text, sizeof addr_text, "%s", addr_env ? addr_env : "10.0.2.15/24");
  int prefix = 24;
  char *slash = strchr(addr_text, '/');
  if (slash) {
    *slash = 0;
    prefix = atoi(slash + 1);
    if (prefix < 0 || prefix > 32) prefix = 24;
  }
  in_addr_t addr = parse_ipv4(addr_text, "BASELINE_ADDR");
  in_addr_t mask = htonl(prefix ? 0xffffffffu << (32 - prefix) : 0);
  in_addr_t gw = parse_ipv4(gw_env ? gw_env : "10.0.2.2", "BASELINE_GW");

  int sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (sock < 0) die("socket", "AF_INET");
  set_up(sock, "lo");

  /* Up to 5 s for the NIC; under TCG module probing is slow but normally done before we get here. */
  for (int i = 0; !if_nametoindex("eth0"); i++) {
    if (i == 500) {
      errno = ENODEV;
      die("waiting for", "eth0");
    }
    sleep_ms(10);
  }
  set_addr(sock, SIOCSIFADDR, "eth0", addr, "SIOCSIFADDR");
  set_addr(sock, SIOCSIFNETMASK, "eth0", mask, "SIOCSIFNETMASK");
  set_up(sock, "eth0");

  struct rtentry rt;
  memset(&rt, 0, sizeof rt);
  ((struct sockaddr_in *)&rt.rt_dst)->sin_family = AF_INET;
  ((struct sockaddr_in *)&rt.rt_genmask)->sin_family = AF_INET;
  ((struct sockaddr_in *)&rt.rt_gateway)->sin_family = AF_INET;
  ((struct sockaddr_in *)&rt.rt_gateway)->sin_addr.s_addr = gw;
  rt.rt_flags = RTF_UP | RTF_GATEWAY;
  rt.rt_dev = "eth0";
  if (ioctl(sock, SIOCADDRT, &rt) != 0 && errno != EEXIST) die("SIOCADDRT", "default");
  close(sock);
}

int main(void) {
  mount_or_die("devtmpfs", "/dev", "devtmpfs");
  console_stdio();
  mount_or_die("proc", "/proc", "proc");
  mount_or_die("sysfs", "/sys", "sysfs");
  mkdir("/tmp", 01777);
  load_modules("/lib/modules/load-order");
  configure_network();
  if (!getenv("PATH")) setenv("PATH", "/usr/bin:/bin", 1);
  chdir("/app");
  char *argv[] = { "node", "/app/index.js", NULL };
  execve("/usr/bin/node", argv, environ);
  die("execve", "/usr/bin/node");
  return 1;
}
