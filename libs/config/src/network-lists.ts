import ipaddr from 'ipaddr.js';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** One entry of WEBHOOK_ALLOWED_HOSTS: a host name, or an address range. */
export type HostListEntry = { host: string } | { cidr: [ipaddr.IPv4 | ipaddr.IPv6, number] };

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** A single address counts as its /32 (or /128) range. */
function parseRange(item: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  if (item.includes('/')) {
    try {
      return ipaddr.parseCIDR(item);
    } catch {
      return null;
    }
  }
  if (!ipaddr.isValid(item)) return null;
  const addr = ipaddr.process(item);
  return [addr, addr.kind() === 'ipv4' ? 32 : 128];
}

/**
 * "intranet.gov.cn, 10.20.0.0/16, 127.0.0.1" → entries; throws naming the first bad item.
 * Host names are matched exactly (lower case), not as suffixes: list each receiver.
 */
export function parseHostList(value: string): HostListEntry[] {
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '')
    .map((item) => {
      const range = parseRange(item);
      if (range) return { cidr: range };
      if (HOST_NAME.test(item) && !/^[\d.]+$/.test(item)) return { host: item };
      throw new Error(`"${item}" is neither a host name nor an IP address or CIDR range`);
    });
}

/**
 * TRUST_PROXY as Express's "trust proxy" setting: false (default: the client is the
 * socket's peer), true (trust every proxy; only behind a proxy that overwrites
 * X-Forwarded-For), a hop count, or a list of proxy addresses/CIDRs/Express names
 * (loopback, linklocal, uniquelocal).
 */
export function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > 10) throw new Error('a hop count must be between 0 and 10');
    return hops;
  }
  const items = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const item of items) {
    if (!['loopback', 'linklocal', 'uniquelocal'].includes(item) && !parseRange(item)) {
      throw new Error(`"${item}" is not an IP address, CIDR range or one of loopback, linklocal, uniquelocal`);
    }
  }
  return items;
}

/** class-validator decorator: `parse(value)` must not throw; its message is shown. */
export function ParsesWith(parse: (value: string) => unknown, hint: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'parsesWith',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          try {
            parse(value);
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage(args): string {
          try {
            parse(String(args?.value));
          } catch (error) {
            return `${String(propertyName)} ${hint}: ${(error as Error).message}`;
          }
          return `${String(propertyName)} ${hint}`;
        },
      },
    });
  };
}
