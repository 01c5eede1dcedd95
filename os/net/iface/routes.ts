// The IPv4 routing table of a host (RFC 1122 section 3.3.1): on-link prefixes and gateways.
//
// A route is (network, prefix length, gateway); gateway 0 means "on-link": the destination itself is
// the next hop. Lookup is longest-prefix match (RFC 1812 section 5.2.4.3, which hosts follow too);
// among equal prefixes the route added first wins. The table is small (a handful of entries from the
// configuration), so a linear scan beats any trie. Routes carry an `origin` so a new DHCP lease can
// replace exactly the routes the previous one installed.

import { prefixToMask, formatIpv4 } from '../wire/ipv4';

export interface Route {
  network: number;
  prefixLength: number;
  /** 0 for on-link routes. */
  gateway: number;
  origin: 'config' | 'user';
}

interface Entry extends Route { mask: number }

export class Routes {
  #routes: Entry[] = [];

  list(): Route[] {
    return this.#routes.map((r) => ({ network: r.network, prefixLength: r.prefixLength, gateway: r.gateway, origin: r.origin }));
  }

  add(route: Route): void {
    const mask = prefixToMask(route.prefixLength);
    this.#routes.push({ network: (route.network & mask) >>> 0, prefixLength: route.prefixLength, gateway: route.gateway >>> 0, origin: route.origin, mask });
  }

  /** Removes routes matching every given field; returns how many went. */
  remove(match: Partial<Route>): number {
    const before = this.#routes.length;
    this.#routes = this.#routes.filter((r) => !((match.network === undefined || r.network === match.network) &&
      (match.prefixLength === undefined || r.prefixLength === match.prefixLength) &&
      (match.gateway === undefined || r.gateway === match.gateway) &&
      (match.origin === undefined || r.origin === match.origin)));
    return before - this.#routes.length;
  }

  /** The next hop for `dst`, or undefined when no route covers it (ENETUNREACH). */
  nextHop(dst: number): number | undefined {
    let best: Entry | undefined;
    const routes = this.#routes;
    for (let i = 0; i < routes.length; i++) {
      const r = routes[i];
      if (best && r.prefixLength <= best.prefixLength) continue;
      if (((dst & r.mask) >>> 0) === r.network) best = r;
    }
    if (!best) return undefined;
    return best.gateway === 0 ? dst : best.gateway;
  }

  toString(): string {
    return this.#routes.map((r) => `${formatIpv4(r.network)}/${r.prefixLength} ${r.gateway ? `via ${formatIpv4(r.gateway)}` : 'on-link'}`).join('\n');
  }
}
