// purge.test.mjs: `haltctl purge` against a running server that keeps taking referrals:
// closed zaken and answered overleg go, with no byte left in the data directory; nothing else is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, request, csrfToken, referral, freePort, BUILD, ROOT } from '../lib/server.mjs';

let srv;
const tokens = {};
// Unique words: "weg" marks what the purge must remove, "blijft" what must stay.
const weg = 'Weg' + randomBytes(5).toString('hex');
const blijft = 'Blijft' + randomBytes(5).toString('hex');
const today = new Date().toISOString().slice(0, 10);
const later = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  tokens.officier = await csrfToken(srv, 'officier');
  for (const u of ['admin', 'medewerker'])
    tokens[u] = await csrfToken(srv, u, '/overleg/nieuw');
});
after(async () => {
  if (!srv) return;
  // stop() also reads halt.log, which the restarted server appended to: sanitizer reports fail.
  try {
    await srv.stop();
  } finally {
    srv.cleanup();
  }
});

function haltctl(...args) {
  return spawnSync(join(BUILD, 'haltctl'), ['-d', srv.datadir, ...args], { encoding: 'utf8' });
}

// haltctl without blocking the event loop, so requests keep going meanwhile.
function haltctlAsync(...args) {
  return new Promise((resolve) => {
    const p = spawn(join(BUILD, 'haltctl'), ['-d', srv.datadir, ...args]);
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (status) => resolve({ status, out }));
  });
}

async function newZaak(achternaam) {
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier',
    body: referral({ csrf: tokens.officier, actie: 'indienen', jongere_achternaam: achternaam,
      omschrijving: `Omschrijving ${achternaam}`, parketnummer: `13/${achternaam.slice(-6)}-26` }),
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  return r.headers.get('location').match(/\/zaken\/(Z\d+)/)[1];
}

async function versie(id, user) {
  const r = await request(srv, 'GET', `/zaken/${id}`, { user, xml: true });
  assert.equal(r.status, 200);
  return r.text.match(/<zaak[^>]* versie="(\d+)"/)[1];
}

async function registreer(id) {
  const r = await request(srv, 'POST', `/zaken/${id}/registratie`, {
    user: 'admin', body: { csrf: tokens.admin, medewerker: 'medewerker', versie: await versie(id, 'admin') },
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
}

async function stap(id, naam, fields) {
  const r = await request(srv, 'POST', `/zaken/${id}/stappen/${naam}`, {
    user: 'medewerker',
    body: { csrf: tokens.medewerker, datum: today, versie: await versie(id, 'medewerker'), ...fields },
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
}

async function ask(vraag) {
  const r = await request(srv, 'POST', '/overleg', {
    user: 'officier', body: { csrf: tokens.officier, vraag, criteria: 'leeftijdsverschil' },
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
  return r.headers.get('location').match(/O\d{8}/)[0];
}

async function answer(id, toelichting) {
  const page = await request(srv, 'GET', `/overleg/${id}`, { user: 'contact' });
  const v = page.text.match(/name="versie" value="(\d+)"/)[1];
  const csrf = page.text.match(/name="csrf" value="([^"]+)"/)[1];
  const r = await request(srv, 'POST', `/overleg/${id}/antwoord`, {
    user: 'contact', body: { csrf, advies: 'geschikt', toelichting, versie: v },
  });
  assert.equal(r.status, 303, r.text.slice(0, 400));
}

const status = async (path, user) => (await request(srv, 'GET', path, { user, xml: true })).status;

// Every regular file under dir that holds word (symlinks are not followed: their targets are walked too).
function filesWith(dir, word) {
  const hits = [];
  const needle = Buffer.from(word);
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

// devserver.sh on an existing data directory: the restart.
async function restart(datadir) {
  const port = await freePort();
  const proc = spawn(join(ROOT, 'apache-conf', 'devserver.sh'), [], {
    env: { ...process.env, PORT: String(port), DATADIR: datadir, BUILD }, stdio: 'ignore',
  });
  const exited = new Promise((r) => proc.on('exit', (code, sig) => r({ code, sig })));
  const server = {
    datadir, base: `http://127.0.0.1:${port}`,
    async stop() { if (proc.exitCode === null) proc.kill('SIGTERM'); return exited; },
  };
  for (let i = 0; i < 200; i++) {
    try {
      const r = await fetch(server.base + '/static/halt.css');
      if (r.status === 200 || r.status === 401) return server;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  await server.stop();
  throw new Error('server did not start again');
}

test('purge removes closed zaken and answered overleg while writes go on; no byte of them is left', async () => {
  // Closed: negatively (after hertoetsing) and positively would both do; negative is the short way.
  const gone = [];
  for (let i = 0; i < 3; i++) {
    const id = await newZaak(`${weg}z${i}`);
    await registreer(id);
    await stap(id, 'hertoetsing', { voldoet: 'ja' });
    await stap(id, 'afsluiting', { uitkomst: 'negatief', reden: 'zorg', toelichting: `Toelichting ${weg}` });
    gone.push(id);
  }
  const goneOverleg = await ask(`Vraag ${weg}o`);
  await answer(goneOverleg, `Antwoord ${weg}o`);

  // Stays: open, assigned, retour (not closed), in behandeling; an open overleg.
  const kept = [await newZaak(`${blijft}a`)];
  kept.push(await newZaak(`${blijft}b`));
  await registreer(kept[1]);
  kept.push(await newZaak(`${blijft}c`));
  await registreer(kept[2]);
  await stap(kept[2], 'hertoetsing', { voldoet: 'nee', toelichting: 'Voldoet niet.' });
  kept.push(await newZaak(`${blijft}d`));
  await registreer(kept[3]);
  await stap(kept[3], 'hertoetsing', { voldoet: 'ja' });
  const keptOverleg = await ask(`Vraag ${blijft}o`);

  // The search finds the words before the purge (else it would prove nothing).
  assert.notDeepEqual(filesWith(srv.datadir, weg), []);

  // Referrals keep coming from four clients while haltctl purges and compacts.
  const during = [];
  let stop = false;
  let n = 0;
  const writer = async (w) => {
    while (!stop) {
      const i = n++;
      const r = await request(srv, 'POST', '/verwijzingen', {
        user: 'officier',
        body: referral({ csrf: tokens.officier, actie: 'indienen', jongere_achternaam: `${blijft}t${w}x${i}`,
          parketnummer: `13/T${i}-26` }),
      });
      assert.equal(r.status, 303, r.text.slice(0, 400));
      during.push(r.headers.get('location').match(/Z\d{8}/)[0]);
    }
  };
  const writers = [0, 1, 2, 3].map(writer);
  while (during.length < 4) await new Promise((r) => setTimeout(r, 10));
  const before = during.length;
  const p = await haltctlAsync('purge', '--voor', later);
  const atEnd = during.length;
  while (during.length < atEnd + 8) await new Promise((r) => setTimeout(r, 10));
  stop = true;
  await Promise.all(writers);
  assert.equal(p.status, 0, p.out);
  assert.match(p.out, /purge: 3 zaken en 1 overleg gesloten voor \d{4}-\d\d-\d\d verwijderd/);
  assert.match(p.out, /gecompacteerd/);
  assert.ok(during.length > before, 'writes went on during the purge');

  // The store is a generation behind a symlink; the old generation is gone.
  assert.ok(lstatSync(join(srv.datadir, 'store')).isSymbolicLink());
  assert.equal(readlinkSync(join(srv.datadir, 'store')), 'store-1');
  assert.equal(existsSync(join(srv.datadir, 'store-0')), false);

  for (const id of gone) assert.equal(await status(`/zaken/${id}`, 'officier'), 404, id);
  assert.equal(await status(`/overleg/${goneOverleg}`, 'contact'), 404);
  for (const id of [...kept, ...during]) assert.equal(await status(`/zaken/${id}`, 'officier'), 200, id);
  assert.equal(await status(`/overleg/${keptOverleg}`, 'contact'), 200);

  // Not one byte of the purged records anywhere in the data directory.
  assert.deepEqual(filesWith(srv.datadir, weg), []);
  assert.notDeepEqual(filesWith(srv.datadir, `${blijft}d`), []);
  const grep = spawnSync('grep', ['-r', '-a', '-l', weg, srv.datadir], { encoding: 'utf8' });
  assert.equal(grep.status, 1, grep.stdout);

  let r = haltctl('check');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  r = haltctl('audit', 'verify');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  r = haltctl('audit');
  assert.match(r.stdout, /beheer\.purge\tbewaartermijn\/voor \S+: 3 zaken, 1 overleg\ttoegestaan/);
  // The audit entries of the purged zaken stay: they hold ids only.
  assert.match(r.stdout, new RegExp(`zaak/${gone[0]}\\b`));

  // The server goes on in the new generation: reads and new writes.
  const na = await newZaak(`${blijft}na`);
  assert.equal(await status(`/zaken/${na}`, 'officier'), 200);
  assert.equal((await request(srv, 'GET', '/zaken', { user: 'admin' })).status, 200);

  // A backup after the switch is the new generation: it has the new zaak and no purged bytes.
  const file = join(tmpdir(), `halt-purge-backup-${process.pid}.mdb`);
  rmSync(file, { force: true });
  r = haltctl('backup', file);
  assert.equal(r.status, 0, r.stderr);
  const bytes = readFileSync(file);
  rmSync(file);
  assert.ok(bytes.includes(Buffer.from(`${blijft}na`)));
  assert.ok(!bytes.includes(Buffer.from(weg)));

  // Everything acknowledged survives a restart of the server.
  const res = await srv.stop();
  assert.equal(res.code, 0);
  const again = await restart(srv.datadir);
  try {
    const s2 = { base: again.base };
    for (const id of [...kept, ...during, na])
      assert.equal((await request(s2, 'GET', `/zaken/${id}`, { user: 'officier', xml: true })).status, 200, id);
    for (const id of gone)
      assert.equal((await request(s2, 'GET', `/zaken/${id}`, { user: 'officier', xml: true })).status, 404, id);
  } finally {
    await again.stop();
  }
  r = haltctl('check');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('purge refuses a malformed date with a usage error (exit 2)', () => {
  assert.equal(haltctl('purge', '--voor', '1-1-2020').status, 2);
  assert.equal(haltctl('purge', '--voor').status, 2);
});

test('purge without --voor uses bewaartermijn_jaren from halt.conf', () => {
  const r = haltctl('purge');
  assert.equal(r.status, 0, r.stderr);
  const jaar = new Date().getFullYear() - 5;
  assert.match(r.stdout, new RegExp(`purge: 0 zaken en 0 overleg gesloten voor ${jaar}-`));
  assert.equal(readlinkSync(join(srv.datadir, 'store')), 'store-2');
  assert.equal(haltctl('check').status, 0);
});
