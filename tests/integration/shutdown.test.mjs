// shutdown.test.mjs: SIGTERM stops the app within 2 s even with a request stuck in flight,
// and `make run` (devserver.sh) takes Apache down with it, leaving no process behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { startServer, request, auth } from '../lib/server.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pids(pattern) {
  try {
    return execFileSync('pgrep', ['-f', pattern], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch { return []; }
}

test('SIGTERM: the app exits within 2 s with a request in flight, and nothing is left running', async () => {
  const srv = await startServer();
  try {
    const [app] = pids(`halt.fcgi -d ${srv.datadir}`);
    assert.ok(app, 'halt.fcgi runs');
    assert.equal((await request(srv, 'GET', '/', { user: 'officier' })).status, 200);

    // A POST that promises more body than it sends: the app waits for the rest.
    const sock = net.connect(srv.port, '127.0.0.1');
    await new Promise((r) => sock.on('connect', r));
    sock.on('error', () => {});
    sock.write(`POST /verwijzingen HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth('officier')}\r\n` +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ncsrf=x&a=1');
    await sleep(300);

    const t0 = Date.now();
    process.kill(Number(app), 'SIGTERM');
    while (pids(`halt.fcgi -d ${srv.datadir}`).length > 0 && Date.now() - t0 < 5000) await sleep(20);
    const took = Date.now() - t0;
    assert.equal(pids(`halt.fcgi -d ${srv.datadir}`).length, 0, 'halt.fcgi has exited');
    assert.ok(took < 2000, `halt.fcgi took ${took} ms to stop`);
    sock.destroy();
    // The stuck request was really in the app: it waited for it, then stopped anyway.
    assert.match(srv.appLog(), /stopped on signal 15 \(requests cut off\)/);

    // The app gone, devserver.sh stops Apache too.
    const r = await Promise.race([srv.exited, sleep(5000).then(() => null)]);
    assert.ok(r, 'devserver.sh exited after the app stopped');
    assert.equal(pids(`apache2 -f .*halt-dev.conf`).filter((p) => {
      try { return execFileSync('cat', [`/proc/${p}/environ`], { encoding: 'latin1' }).includes(srv.datadir); } catch { return false; }
    }).length, 0, 'no Apache of this data directory left');
  } finally {
    await srv.stop().catch(() => {});
    srv.cleanup();
  }
});
