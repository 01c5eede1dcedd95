// A scripted DNS server for tests on a NetStack's UDP port 53: answers from a table of records
// (following CNAMEs as a recursive server would), NXDOMAIN with an SOA for unknown names, and can be
// told to drop queries, to answer with a given rcode, to send a spoofed answer first, or to answer
// from the wrong port. It records every question asked.

import type { NetStack } from '../stack';
import type { UdpSocket } from '../udp';
import { DnsPacket, DnsRepr, sameName, CLASS_IN, TYPE_CNAME, TYPE_SOA, RCODE_NXDOMAIN, type DnsRecord, type DnsRData, type DnsQuestion } from '../wire/dns';

export class ScriptedDnsServer {
  readonly socket: UdpSocket;
  readonly records: DnsRecord[] = [];
  readonly questions: (DnsQuestion & { id: number; from: number; port: number })[] = [];
  /** Drop the next n queries (timeouts). */
  dropNext = 0;
  /** Drop every query (a dead server). */
  dead = false;
  /** Answer every query with this rcode and no records. */
  rcode: number | undefined;
  /** Send one answer with a wrong id before the real one (must be ignored). */
  spoofFirst = false;
  soaTtl = 60;

  constructor(readonly stack: NetStack, port = 53) {
    this.socket = stack.udp.bind(0, port);
    this.socket.onMessage = (data, rinfo, now) => this.#onQuery(now, data, rinfo.address, rinfo.port);
  }

  add(name: string, type: number, data: DnsRData, ttl = 300): this {
    this.records.push({ name, type, class: CLASS_IN, ttl, data });
    return this;
  }

  #onQuery(now: number, data: Uint8Array, from: number, port: number): void {
    const packet = DnsPacket.checked(data);
    const q = typeof packet === 'string' ? packet : DnsRepr.parse(packet);
    if (typeof q === 'string' || q.response || q.questions.length !== 1) return;
    const question = q.questions[0];
    this.questions.push({ ...question, id: q.id, from, port });
    if (this.dead) return;
    if (this.dropNext > 0) { this.dropNext--; return; }
    const answers: DnsRecord[] = [];
    let name = question.name;
    for (let hops = 0; hops < 8; hops++) {
      const direct = this.records.filter((r) => sameName(r.name, name) && r.type === question.type);
      if (direct.length) { answers.push(...direct); break; }
      const cname = this.records.find((r) => sameName(r.name, name) && r.type === TYPE_CNAME);
      if (!cname || cname.data.kind !== 'CNAME') break;
      answers.push(cname);
      name = cname.data.name;
    }
    const known = this.records.some((r) => sameName(r.name, question.name));
    const rcode = this.rcode ?? (known ? 0 : RCODE_NXDOMAIN);
    const soa: DnsRecord = { name: 'test', type: TYPE_SOA, class: CLASS_IN, ttl: this.soaTtl,
      data: { kind: 'SOA', mname: 'ns.test', rname: 'hostmaster.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: this.soaTtl } };
    const reply: DnsRepr = {
      id: q.id, response: true, opcode: 0, authoritative: false, truncated: false, recursionDesired: q.recursionDesired,
      recursionAvailable: true, rcode, questions: q.questions, answers: this.rcode === undefined ? answers : [],
      authorities: answers.length === 0 ? [soa] : [], additionals: [],
    };
    if (this.spoofFirst) {
      this.spoofFirst = false;
      const fake: DnsRepr = { ...reply, id: (q.id + 1) & 0xffff, answers: [{ name: question.name, type: 1, class: CLASS_IN, ttl: 300, data: { kind: 'A', address: 0x06060606 } }] };
      this.#send(now, fake, from, port);
    }
    this.#send(now, reply, from, port);
  }

  #send(now: number, repr: DnsRepr, to: number, port: number): void {
    const out = new Uint8Array(DnsRepr.bufferLen(repr));
    DnsRepr.emit(repr, new DnsPacket(out));
    this.socket.send(now, out, port, to);
  }
}
