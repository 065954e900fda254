// haltctl.test.mjs: the administration command against the data directory of a running server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, request, csrfToken, referral, BUILD } from '../lib/server.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

let srv, zaak;
before(async () => {
  srv = await startServer();
  const csrf = await csrfToken(srv, 'officier');
  const r = await request(srv, 'POST', '/verwijzingen', {
    user: 'officier', body: { ...referral({ jongere_achternaam: 'Haltctltest' }), actie: 'indienen', csrf },
  });
  assert.equal(r.status, 303);
  zaak = r.headers.get('location').match(/Z\d{8}/)[0];
});
after(async () => { await srv.stop(); srv.cleanup(); });

function haltctl(...args) {
  return spawnSync(join(BUILD, 'haltctl'), ['-d', srv.datadir, ...args], { encoding: 'utf8' });
}

test('user list shows the demo users with role, werkgebied and training', () => {
  const r = haltctl('user', 'list');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /medewerker\b.*halt-medewerker.*Midden-Nederland/);
  assert.match(r.stdout, /stagiair\b.*halt-medewerker/);
  assert.equal(r.stdout.trim().split('\n').length >= 8, true);
});

test('user add needs a valid role and a werkgebied for Halt roles (exit 2 on usage errors)', () => {
  assert.equal(haltctl('user', 'add', 'x1', '--rol', 'koning').status, 2);
  assert.notEqual(haltctl('user', 'add', 'x2', '--rol', 'halt-admin').status, 0);
  assert.equal(haltctl('user', 'add', 'x3', '--rol', 'halt-admin', '--werkgebied', 'Limburg').status, 0);
  assert.equal(haltctl('bestaat-niet').status, 2);
});

test('check passes on the live store', () => {
  const r = haltctl('check');
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('backup while the server runs gives a store with the same zaak; export has every record', async () => {
  const file = join(srv.datadir, 'backup.mdb');
  // Writes go on while the copy is made.
  const csrf = await csrfToken(srv, 'officier');
  const writes = Array.from({ length: 5 }, (_, i) => request(srv, 'POST', '/verwijzingen', {
    user: 'officier', body: { ...referral({ jongere_achternaam: 'Backup' + i, parketnummer: 'B-' + i }), actie: 'indienen', csrf },
  }));
  const r = haltctl('backup', file);
  for (const w of await Promise.all(writes)) assert.equal(w.status, 303);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(file) && statSync(file).size > 0);
  assert.notEqual(haltctl('backup', file).status, 0, 'an existing file is not overwritten');

  // Restore into a fresh data directory: the backup is the whole store.
  const restored = join(srv.datadir, 'restored');
  mkdirSync(join(restored, 'store'), { recursive: true });
  copyFileSync(file, join(restored, 'store', 'data.mdb'));
  const exp = execFileSync(join(BUILD, 'haltctl'), ['-d', restored, 'export'], { encoding: 'utf8' });
  assert.match(exp, new RegExp(`<zaak [^>]*id="${zaak}"`));
  assert.match(exp, /Haltctltest/);
  const chk = spawnSync(join(BUILD, 'haltctl'), ['-d', restored, 'check'], { encoding: 'utf8' });
  assert.equal(chk.status, 0, chk.stdout);
});

test('a backup restored into a new data directory (with the installation secret) serves the same zaken', async () => {
  const file = join(srv.datadir, 'backup-serve.mdb');
  assert.equal(haltctl('backup', file).status, 0);
  const dir = mkdtempSync(join(tmpdir(), 'halt-restore-'));
  mkdirSync(join(dir, 'store'), { mode: 0o700 });
  copyFileSync(file, join(dir, 'store', 'data.mdb'));
  // The secret keys the person index: without it earlier zaken of a jongere are not found.
  copyFileSync(join(srv.datadir, 'csrf.key'), join(dir, 'csrf.key'));
  const other = await startServer({ datadir: dir });
  try {
    const r = await request(other, 'GET', `/zaken/${zaak}`, { user: 'officier' });
    assert.equal(r.status, 200);
    assert.match(r.text, /Haltctltest/);
    const list = await request(other, 'GET', '/zaken', { user: 'officier', xml: true });
    assert.match(list.text, new RegExp(`id="${zaak}"`));
    // The same jongere again is still recognised as a duplicate of the open zaak.
    const csrf = await csrfToken(other, 'officier2');
    const dup = await request(other, 'POST', '/verwijzingen', {
      user: 'officier2', body: { ...referral({ jongere_achternaam: 'Haltctltest' }), actie: 'indienen', csrf },
    });
    assert.equal(dup.status, 422);
    assert.match(dup.text, new RegExp(zaak));
  } finally {
    await other.stop();
    other.cleanup();
  }
});

test('audit shows who read the zaak, by zaak and by user, and the chain verifies', async () => {
  assert.equal((await request(srv, 'GET', `/zaken/${zaak}`, { user: 'officier' })).status, 200);
  assert.equal((await request(srv, 'GET', `/zaken/${zaak}`, { user: 'officier2' })).status, 403);
  const byZaak = haltctl('audit', '--zaak', zaak);
  assert.equal(byZaak.status, 0);
  assert.match(byZaak.stdout, /officier\b.*zaak\.lezen.*toegestaan/);
  assert.match(byZaak.stdout, /officier2\b.*zaak\.lezen.*geweigerd/);
  assert.doesNotMatch(byZaak.stdout, /Haltctltest|Sam/, 'no case content in the audit log');
  const byUser = haltctl('audit', '--gebruiker', 'officier2');
  assert.match(byUser.stdout, new RegExp(zaak));
  assert.doesNotMatch(byUser.stdout, /\bofficier\b(?!2).*zaak\.lezen.*toegestaan/);
  const v = haltctl('audit', 'verify');
  assert.equal(v.status, 0, v.stdout + v.stderr);
});
