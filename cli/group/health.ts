// Is a replica fit to take new connections? The balancer (balancer.ts) asks this of every member
// each HEALTH_INTERVAL_MS.
//
// A member is healthy when all of these hold:
//   1. it is in the group and not draining (scale is removing it);
//   2. its instance is running: QEMU alive, the app reported ready, no stop requested (state.json
//      brought up to date by `refresh`, so a QEMU killed from outside is seen at once);
//   3. the guest's management API says ready: GET /v1/ready on the control channel answers 200.
//      503 (not ready) makes it unhealthy. When the control channel does not answer at all (it is
//      one client at a time and may be busy, or wedged), (2) stands alone: the READY record on
//      the console is the same signal, recorded by the same guest. A channel that did not answer
//      is asked again only after PROBE_RETRY_MS, so the balancer never queues behind it.
import { controlRequest } from '../instances/control';
import { refresh } from '../instances/lifecycle';
import { alive } from '../instances/proc';
import { type Instance, InstanceGone } from '../instances/store';

export const HEALTH_INTERVAL_MS = 500;
export const PROBE_TIMEOUT_MS = 1000;
export const PROBE_RETRY_MS = 5000;

export interface Health {
  healthy: boolean;
  reason: string;
}

/** The guest's readiness over the control channel: true, false, or undefined (no answer). */
export type ReadyProbe = (inst: Instance) => Promise<boolean | undefined>;

export const controlReadyProbe: ReadyProbe = async (inst) => {
  try {
    const reply = await controlRequest(inst.paths.control, 'GET', '/v1/ready', PROBE_TIMEOUT_MS);
    if (reply.status === 200) return true;
    if (reply.status === 503) return false;
    return undefined;
  } catch {
    return undefined;
  }
};

export class HealthChecker {
  #silentUntil = new Map<string, number>();

  constructor(private readonly probe: ReadyProbe = controlReadyProbe, private readonly now: () => number = Date.now) {}

  async check(inst: Instance, draining: boolean): Promise<Health> {
    if (draining) return { healthy: false, reason: 'draining' };
    let st;
    try {
      st = await refresh(inst);
    } catch (e) {
      if (e instanceof InstanceGone) return { healthy: false, reason: 'removed' };
      throw e;
    }
    if (!st) return { healthy: false, reason: 'removed' };
    if (st.status === 'exited' || st.status === 'crashed') return { healthy: false, reason: st.status };
    if (st.stopping) return { healthy: false, reason: 'stopping' };
    if (st.status === 'starting') return { healthy: false, reason: 'starting' };
    if (!alive(st.qemu)) return { healthy: false, reason: 'QEMU gone' };
    if ((this.#silentUntil.get(inst.name) ?? 0) > this.now()) return { healthy: true, reason: 'ready (console)' };
    const ready = await this.probe(inst);
    if (ready === undefined) {
      this.#silentUntil.set(inst.name, this.now() + PROBE_RETRY_MS);
      return { healthy: true, reason: 'ready (console)' };
    }
    this.#silentUntil.delete(inst.name);
    return ready ? { healthy: true, reason: 'ready' } : { healthy: false, reason: 'not ready' };
  }
}
