// server.mjs: start the real Apache + halt.fcgi (apache-conf/devserver.sh) on a free
// port with a fresh data directory, and talk to it over HTTP as the demo users.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD = process.env.BUILD || join(ROOT, 'build');

export function freePort() {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// opts.datadir: serve an existing data directory (e.g. a restored backup) instead of a new one.
export async function startServer(opts = {}) {
  const port = await freePort();
  const datadir = opts.datadir || mkdtempSync(join(tmpdir(), 'halt-test-'));
  const proc = spawn(join(ROOT, 'apache-conf', 'devserver.sh'), [], {
    env: { ...process.env, PORT: String(port), DATADIR: datadir, BUILD },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((r) => proc.on('exit', (code, sig) => r({ code, sig })));
  const base = `http://127.0.0.1:${port}`;
  const server = {
    port, datadir, base, proc, exited,
    output: () => output,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      // Under make asan the app is built with ASan/UBSan: any report fails the test.
      const log = server.appLog();
      if (/Sanitizer|runtime error:/.test(log))
        throw new Error('sanitizer report in halt.log:\n' + log.slice(log.search(/Sanitizer|runtime error:/) - 200));
      return r;
    },
    cleanup() { rmSync(datadir, { recursive: true, force: true }); },
    haltctl(...args) {
      return execFileSync(join(BUILD, 'haltctl'), ['-d', datadir, ...args], { encoding: 'utf8' });
    },
    // Add a password; resolves once Apache accepts it (devserver.sh may serve a copy of
    // the file that it brings up to date within a fraction of a second).
    async htpasswd(user, password = 'demo') {
      execFileSync('htpasswd', ['-bB', '-C', '4', join(datadir, 'apache', 'htpasswd'), user, password], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        const r = await fetch(base + '/', { headers: { Authorization: auth(user, password) } });
        await r.arrayBuffer();
        if (r.status !== 401) return;
        await sleep(50);
      }
      throw new Error(`Apache does not accept ${user} after htpasswd`);
    },
    appLog() {
      const p = join(datadir, 'logs', 'halt.log');
      return existsSync(p) ? readFileSync(p, 'utf8') : '';
    },
  };
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) break;
    try {
      const r = await fetch(base + '/static/halt.css');
      if (r.status === 200 || r.status === 401) return server;
    } catch { /* not up yet */ }
    await sleep(50);
  }
  await server.stop().catch(() => {});
  throw new Error('server did not start:\n' + output);
}

export function auth(user, password = 'demo') {
  return 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');
}

// One HTTP request; never follows redirects. body: object or URLSearchParams or string.
export async function request(server, method, path, { user, body, headers = {}, xml = false } = {}) {
  const h = { ...headers };
  if (user) h.Authorization = auth(user);
  if (xml) h.Accept = 'application/xml';
  let payload;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Buffer) payload = body;
    else {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(body)) {
        if (Array.isArray(v)) v.forEach((x) => p.append(k, x)); else p.append(k, v);
      }
      payload = p.toString();
    }
    if (!h['Content-Type']) h['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  const r = await fetch(server.base + path, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text };
}

// The CSRF token from a page that has a form (it is the same for every form of a user).
export async function csrfToken(server, user, path = '/verwijzingen/nieuw') {
  const r = await request(server, 'GET', path, { user });
  const m = r.text.match(/name="csrf" value="([^"]+)"/);
  if (!m) throw new Error(`no csrf token on ${path} for ${user} (status ${r.status})`);
  return m[1];
}

// A complete referral that is geschikt, with dates relative to today.
export function referral(overrides = {}) {
  const today = new Date();
  const iso = (d) => d.toISOString().slice(0, 10);
  const yearsAgo = (n, days = 0) => {
    const d = new Date(Date.UTC(today.getUTCFullYear() - n, today.getUTCMonth(), today.getUTCDate() - days));
    return iso(d);
  };
  return {
    verwijzer_naam: 'Mr. T. Officier',
    parketnummer: '13/123456-26',
    pv_nummer: 'PL1300-2026-1',
    datum_beslissing: yearsAgo(0, 1),
    regio: 'Midden-Nederland',
    rvdk_advies: '',
    jongere_voornaam: 'Sam',
    jongere_achternaam: 'Jansen',
    jongere_geboortedatum: yearsAgo(16, 30),
    skn: '',
    ouders_namen: '',
    telefoon: '',
    delict_datum: yearsAgo(0, 20),
    gedrag: 'sexting',
    omschrijving: 'Foto doorgestuurd in een groepsapp.',
    tenlastelegging: 'zedenfeit',
    artikel: '240b Sr',
    slachtoffer_geboortedatum: yearsAgo(15, 10),
    instemming_jongere: 'ja',
    instemming_ouders: 'ja',
    eerdere_halt: '0',
    eerder_om_misdrijf: 'nee',
    lichte_vorm: 'ja',
    bekent: 'ja',
    contra_chantage: 'nee', contra_dwang: 'nee', contra_misleiding: 'nee',
    contra_planmatig: 'nee', contra_hands_on: 'nee', contra_zedengeschiedenis: 'nee',
    contra_problematiek: 'nee', contra_eerder_sexting: 'nee',
    motivering: '',
    actie: 'controleren',
    ...overrides,
  };
}

export const SECURITY_HEADERS = {
  'x-content-type-options': /^nosniff$/,
  'content-security-policy': /default-src 'self'.*frame-ancestors 'none'/,
  'referrer-policy': /^no-referrer$/,
};
