import ipaddr from 'ipaddr.js';

/**
 * A client address in one written form (issue 12, item 3): IPv6 in its shortest form (RFC 5952: `0:0::1` is `::1`),
 * an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack socket reports an IPv4 client) as the IPv4
 * itself. Anything that is not an IP address (a proxy's odd entry, 'unknown') is kept as it came, trimmed.
 */
export function canonicalAddress(raw: string): string {
  const text = raw.trim();
  // Four dotted decimals only: ipaddr.js would also read '1' or '0x7f.1' as IPv4, which no socket reports.
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return text;
  const address = ipaddr.process(text);
  return address.kind() === 'ipv6' ? new ipaddr.IPv6((address as ipaddr.IPv6).parts).toString() : address.toString();
}

/** The IPv6 prefix one host is given (RFC 6177): a machine that wants a fresh address has 2^64 of them. */
export const IPV6_HOST_PREFIX = 64;

/**
 * The address a sign-in is throttled by: an IPv4 address itself, an IPv6 address's /64 (written like
 * `2001:db8:1:2::/64`), since one host can take any address in it and would otherwise get a fresh counter for
 * every guess. Anything that is not an IP address is its own group.
 */
export function throttleAddress(raw: string): string {
  const canonical = canonicalAddress(raw);
  if (!ipaddr.IPv6.isValid(canonical)) return canonical;
  const prefix = ipaddr.IPv6.networkAddressFromCIDR(`${canonical}/${IPV6_HOST_PREFIX}`);
  return `${prefix.toString()}/${IPV6_HOST_PREFIX}`;
}
