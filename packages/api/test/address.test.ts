import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { canonicalAddress, throttleAddress } from '../src/auth/address.ts';
import { requestMeta } from '../src/http-context.ts';

describe('client addresses in one written form (issue 12, item 3)', () => {
  it('IPv6 in its shortest form, an IPv4-mapped address as the IPv4, anything else as it came', () => {
    expect(canonicalAddress('0:0::1')).toBe('::1');
    expect(canonicalAddress('0000:0000:0000:0000:0000:0000:0000:0001')).toBe('::1');
    expect(canonicalAddress('2001:DB8:0:0:1::1')).toBe('2001:db8::1:0:0:1');
    expect(canonicalAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalAddress('::ffff:c000:201')).toBe('192.0.2.1');
    expect(canonicalAddress(' 192.0.2.1 ')).toBe('192.0.2.1');
    expect(canonicalAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(canonicalAddress('unknown')).toBe('unknown');
    expect(canonicalAddress('1')).toBe('1');
  });

  it('the throttle counts an IPv4 address by itself and an IPv6 address by its /64', () => {
    expect(throttleAddress('192.0.2.1')).toBe('192.0.2.1');
    expect(throttleAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(throttleAddress('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(throttleAddress('::1')).toBe(throttleAddress('0:0::1'));
    expect(throttleAddress('unknown')).toBe('unknown');
  });

  it("a request's address is written the one way, from the socket or our proxy's X-Forwarded-For entry", () => {
    const request = (remoteAddress: string, forwardedFor?: string) =>
      ({ headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}, socket: { remoteAddress } }) as unknown as IncomingMessage;
    expect(requestMeta(request('::ffff:127.0.0.1'), 0).ip).toBe('127.0.0.1');
    expect(requestMeta(request('10.0.0.2', '203.0.113.9, 2001:DB8::0:1'), 1).ip).toBe('2001:db8::1');
  });
});
