import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import type { HostListEntry } from '@wage/config';

/** Resolves a host name to every address it has (dns.lookup, as the HTTP client would). */
export type Resolver = (host: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export type TargetCheck = { ok: true; address: string; family: 4 | 6 } | { ok: false; reason: string; unresolved?: true };

/**
 * Ranges ipaddr.js (1.x) files under "unicast" although no public receiver lives there:
 * benchmarking, IPv6 discard and the deprecated site-local block.
 */
const EXTRA_BLOCKED = ['198.18.0.0/15', '100::/64', 'fec0::/10'].map((c) => ipaddr.parseCIDR(c));

/** Why an address may not be a webhook target, or null for a public unicast address. */
export function blockedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  // ::ffff:127.0.0.1 and friends are judged as the IPv4 address they carry.
  const addr = ipaddr.process(address);
  const range = addr.range();
  if (range !== 'unicast') return `${range} address`;
  if (EXTRA_BLOCKED.some((r) => inRange(addr, r))) return 'reserved address';
  return null;
}

/** Whether `addr` is inside `net/bits` (false across IPv4/IPv6). */
function inRange(addr: ipaddr.IPv4 | ipaddr.IPv6, [net, bits]: [ipaddr.IPv4 | ipaddr.IPv6, number]): boolean {
  if (addr.kind() !== net.kind()) return false;
  return addr.kind() === 'ipv4' ? (addr as ipaddr.IPv4).match(net as ipaddr.IPv4, bits) : (addr as ipaddr.IPv6).match(net as ipaddr.IPv6, bits);
}

function onAllowList(allow: readonly HostListEntry[], host: string, address?: string): boolean {
  const name = host.toLowerCase();
  return allow.some((e) => {
    if ('host' in e) return e.host === name;
    if (address === undefined || !ipaddr.isValid(address)) return false;
    return inRange(ipaddr.process(address), e.cidr);
  });
}

/**
 * The webhook rule of workflow.md, for one URL: https, to a host whose every resolved
 * address is public, unless the host name or its network is on WEBHOOK_ALLOWED_HOSTS
 * (then http is accepted too). Returns the address to connect to, so the request goes
 * exactly where the check looked (no second DNS answer in between).
 */
export async function checkWebhookTarget(
  rawUrl: string,
  allow: readonly HostListEntry[],
  resolve: Resolver = systemResolver,
): Promise<TargetCheck> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, reason: `"${rawUrl}" is not a URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'a webhook URL must start with https://' };
  if (url.username || url.password) return { ok: false, reason: 'a webhook URL must not carry a user name or password' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      return { ok: false, unresolved: true, reason: `host ${host} does not resolve (${(error as { code?: string }).code ?? (error as Error).message})` };
    }
  }
  if (addresses.length === 0) return { ok: false, reason: `host ${host} has no address` };
  const allowed = (address: string): boolean => onAllowList(allow, host, address);
  if (url.protocol === 'http:' && !addresses.every((a) => allowed(a.address))) {
    return { ok: false, reason: `a webhook URL must use https (http only for hosts on WEBHOOK_ALLOWED_HOSTS; ${host} is not)` };
  }
  for (const a of addresses) {
    const why = allowed(a.address) ? null : blockedRange(a.address);
    if (why) {
      return {
        ok: false,
        reason: `${host} resolves to ${a.address}, a ${why}: webhooks may not reach loopback, private, link-local or metadata addresses (an operator can allow an intranet receiver with WEBHOOK_ALLOWED_HOSTS)`,
      };
    }
  }
  const first = addresses[0];
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * Save-time check: the message of a refused URL, or null when it may be stored. A name
 * that does not resolve here is stored (an intranet name may resolve only where the
 * workers run); every delivery checks it again after its own DNS lookup.
 */
export async function webhookUrlProblem(rawUrl: string, allow: readonly HostListEntry[], resolve?: Resolver): Promise<string | null> {
  const check = await checkWebhookTarget(rawUrl, allow, resolve);
  if (check.ok || check.unresolved) return null;
  return `webhook_url refused: ${check.reason}`;
}
