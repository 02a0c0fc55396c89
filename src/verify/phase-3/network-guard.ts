/**
 * The preload (`NODE_OPTIONS=--import`) the domain tests run under: it records that it is armed in every process
 * it is loaded into, and refuses and records every outgoing connection (TCP, TLS, Unix sockets, DNS lookups,
 * UDP), so "the domain tests open no socket" is proven by a log, not assumed. Written to the check's folder.
 */
export const NETWORK_GUARD_SOURCE = `
import { appendFileSync } from 'node:fs';
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

const log = process.env.ROADMAP_NET_LOG;
const note = (what) => {
  try { appendFileSync(log, JSON.stringify({ pid: process.pid, what }) + '\\n'); } catch {}
};
note('armed');
const refuse = (what) => {
  note(what);
  const error = new Error('roadmap verify phase-3: the domain tests run offline, and this test tried to ' + what);
  error.code = 'EACCES';
  throw error;
};
const describe = (args) => {
  const [a, b] = args;
  if (Array.isArray(a)) return describe(a);
  if (a && typeof a === 'object') return a.path ? 'connect to ' + a.path : 'connect to ' + (a.host ?? 'localhost') + ':' + a.port;
  return typeof a === 'string' && !/^\\d+$/.test(a) ? 'connect to ' + a : 'connect to ' + (b ?? 'localhost') + ':' + a;
};
net.Socket.prototype.connect = function (...args) { refuse(describe(args)); };
dns.lookup = (host) => refuse('look up ' + host);
dns.promises.lookup = async (host) => refuse('look up ' + host);
dgram.Socket.prototype.send = function () { refuse('send a UDP datagram'); };
`;
